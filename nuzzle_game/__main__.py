from nuzzle_game.cli.entry import main

raise SystemExit(main())
