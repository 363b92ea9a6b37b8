from courselint.cli import console

console()
