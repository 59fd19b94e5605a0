from stint.cli import main

main()
