"""Small text helpers shared by every layer: escaping for each output context, URL checks and
name folding. The bottom layer: imports nothing from the rest of ``dashboard``."""
