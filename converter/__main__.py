from .cli import main

main(prog_name="news2tei")
