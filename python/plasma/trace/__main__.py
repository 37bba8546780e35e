from plasma.trace.cli import main

raise SystemExit(main())
