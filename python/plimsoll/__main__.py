# `python -m plimsoll ...` runs the bundled binary, like the `plimsoll` console script.
from plimsoll import main

main()
