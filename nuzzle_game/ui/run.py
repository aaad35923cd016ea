def run_app(saves, decks):
    return 0
