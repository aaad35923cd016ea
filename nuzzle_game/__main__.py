from nuzzle_game.cli.main import main

raise SystemExit(main())
