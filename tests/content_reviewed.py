"""What the content reviews found: the pairs the meaning check must flag."""

from __future__ import annotations

from content_meaning import Q

REVIEWED = [
    Q(
        "matters.choice.home-means",
        "What does 'home' mean to you these days?",
        [
            "A place",
            "A person",
            "A feeling of being safe",
            "Whoever I'm with",
            "Somewhere I haven't found yet",
            "It keeps changing",
        ],
    ),
    Q(
        "money.choice.home-means",
        "Lately, is home for you more a place, a person or a feeling?",
        [
            "A place",
            "A person",
            "A feeling of safety",
            "Somewhere to rest",
            "Where my things are",
            "I'm still looking for it",
        ],
    ),
    Q(
        "roots.choice.home-means",
        "When you say 'home' these days, which place do you mean first?",
        [
            "Where I live now",
            "Where I grew up",
            "Wherever my partner is",
            "Several places at once",
            "A place I haven't found yet",
            "It depends who's asking",
        ],
    ),
    Q(
        "money.scale.enough",
        "How near are you to having 'enough' lately, however you'd define it?",
        follow_up="Talk about what 'enough' would look like for each of you.",
    ),
    Q("matters.text.enough", "What would 'enough' look like for you right now, in time, things or achievements?"),
    Q("weather.scale.patience", "How much patience have you had in reserve this week?"),
    Q("weather.scale.irritable", "How short-tempered have you been feeling these days?"),
    Q("start.phy.touch-amount", "How much everyday touch between you would feel right these days?"),
    Q("home.scale.hug-amount", "How does the number of hugs you get these days compare with what you want?"),
    Q(
        "play.multi.body-play",
        "If your body got to play this week, how would it like to? (up to 3)",
        [
            "Dancing badly on purpose",
            "A chase or a play fight",
            "Swinging, climbing or jumping",
            "A ball game",
            "Splashing in water",
            "None, I'm in a still phase",
        ],
        exclusive=["None, I'm in a still phase"],
    ),
    Q(
        "play.rank.body-fun",
        "Rank these romps by the fun your body would get out of each this week.",
        items=[
            "Jumping in puddles or waves",
            "Dancing",
            "Rolling down a grassy hill",
            "A water or snowball fight",
            "A race to the corner",
        ],
    ),
    Q(
        "play.choice.humour-style",
        "Which kind of humour feels most like yours at the moment?",
        [
            "Dry and deadpan",
            "Silly and physical",
            "Quick wordplay",
            "Dark",
            "Gentle teasing",
            "Absurd, the stranger the better",
        ],
    ),
    Q(
        "play.rank.funny-because",
        "Rank what makes something funny to you lately.",
        items=["Surprise", "Cleverness", "Embarrassment", "Absurdity", "Recognising myself in it"],
    ),
    Q(
        "play.choice.laugh-source",
        "What gets the biggest laugh out of you these days?",
        [
            "Silly videos",
            "Something my partner does",
            "Friends' stories",
            "My own clumsiness",
            "Clever wordplay",
            "It's been a while, honestly",
        ],
    ),
    Q(
        "play.multi.play-blocks",
        "What stops your playful side from coming out lately? (pick any)",
        [
            "Tiredness",
            "Worry",
            "Feeling self-conscious",
            "No time",
            "Feeling I should be doing something useful",
            "Nothing, I'm as playful as ever",
        ],
        exclusive=["Nothing, I'm as playful as ever"],
    ),
    Q(
        "play.rank.before-play",
        "Rank what you need before you can relax into play these days.",
        items=["Enough sleep", "The chores done", "No one watching", "A clear head", "Someone else to start it"],
    ),
]
REVIEWED_PAIRS = [
    ("matters.choice.home-means", "money.choice.home-means"),
    ("matters.choice.home-means", "roots.choice.home-means"),
    # money ~ roots is found through matters: the three form one cluster
    ("matters.text.enough", "money.scale.enough"),
    ("weather.scale.irritable", "weather.scale.patience"),
    ("home.scale.hug-amount", "start.phy.touch-amount"),
    ("play.multi.body-play", "play.rank.body-fun"),
    ("play.choice.humour-style", "play.rank.funny-because"),
    ("play.choice.laugh-source", "play.rank.funny-because"),
    ("play.choice.humour-style", "play.choice.laugh-source"),
    ("play.multi.play-blocks", "play.rank.before-play"),
]


# Pairs the review of decks 17-25 found, as they stood then (one of each retired
# or reworded since): the check must flag them too. One it cannot see ("what
# would you miss about living apart" ~ "what do you like about the life you keep
# on your own", no word in common) is kept apart by its cluster.
REVIEWED_17_25 = [
    Q(
        "us.text.found-out",
        "What did you find out about your partner this week that you didn't know before?",
        follow_up="Tell them what you found out, and check you understood it right.",
    ),
    Q(
        "future.choice.under-one-roof",
        "As things stand, how do you feel about the two of you living under one roof one day?",
        [
            "I'd love it, the sooner the better",
            "Yes, but not yet",
            "I like living apart as we do",
            "Nervous, honestly",
            "It isn't on the cards for us",
            "I don't know what I want yet",
        ],
        tags=("living_apart",),
    ),
    Q(
        "future.multi.ready-to-move-in",
        "What would need to be true for moving in together to feel right, as you see it now? (up to 2)",
        [
            "Enough money",
            "The right place",
            "Work, study or family settled",
            "More time together first",
            "Nothing: I'm ready now",
            "It's not something I want",
        ],
        exclusive=["Nothing: I'm ready now", "It's not something I want"],
        tags=("living_apart",),
    ),
    Q(
        "future.choice.separate-beds",
        "In the long run, how would you feel about separate beds or rooms if sleep called for it?",
        [
            "Never, I want us side by side",
            "Fine, if we both sleep better",
            "We already do, happily",
            "Sad, but I'd understand",
            "I'd suggest it myself",
            "It depends on the night",
        ],
    ),
    Q(
        "home2.text.object-meaning",
        "Which object in your home means the most to you at the moment?",
        tags=("shared_home",),
    ),
    Q(
        "us.choice.meaningful-week",
        "What would make next week feel meaningful to you, not just busy?",
        [
            "Time with someone I love",
            "Making or finishing something",
            "Helping someone out",
            "Time outdoors",
            "A quiet hour to think",
            "Something else entirely",
        ],
    ),
    Q(
        "us.choice.closest-kind",
        "What kind of moment brought you closest to your partner this week?",
        [
            "A real conversation",
            "Laughing together",
            "A quiet moment side by side",
            "A touch or a hug",
            "Getting through something together",
            "It felt like a far-apart week",
        ],
    ),
    Q(
        "future.multi.commitment-forms",
        "Which ways of marking a commitment appeal to you these days, whether you've done them or not? (pick any)",
        [
            "A wedding or ceremony",
            "A private vow just between us",
            "Rings or another token",
            "A yearly ritual of our own",
            "A party with the people we love",
            "None of these speak to me",
        ],
        exclusive=["None of these speak to me"],
    ),
    Q("us.text.do-again", "What from this week would you happily do again next week?"),
]
REVIEWED_17_25_PAIRS = [
    ("closer.text.surprised-lately", "us.text.found-out"),
    ("future.choice.under-one-roof", "home2.choice.closing-distance"),
    ("future.multi.ready-to-move-in", "home2.multi.settle-first"),
    ("future.choice.separate-beds", "home2.choice.bed-share"),
    ("closer.multi.hardest-to-lose", "home2.text.object-meaning"),
    ("start.spi.meaning-source", "us.choice.meaningful-week"),
    ("us.choice.closest-kind", "weather.text.felt-close"),
    ("future.choice.marking-commitment", "future.multi.commitment-forms"),
    ("start.exp.best-moment", "us.text.do-again"),
]
