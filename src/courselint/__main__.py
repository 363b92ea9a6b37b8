from courselint.cli import main

raise SystemExit(main())
