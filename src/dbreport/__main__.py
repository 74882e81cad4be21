from dbreport.cli import main

main()
