# Attack: the hidden-tests marker as a comment in an answer cell. `feedback` scans every rendered page
# for "### BEGIN HIDDEN TESTS"; the student's own code is on the page (syntax-highlighted, the comment
# stays one span), so `feedback 04_cnn` stops for the whole class with "contains hidden tests".
# (The batch test's own leak check on autograded notebooks flags the student's comment as well: a check for
# hidden tests must look at what came from the source, not at what the student wrote.)
# threat: make feedback fail for the whole class
# score: 16
# %% conv2d
# Notiz: im Quellnotebook steht vermutlich "### BEGIN HIDDEN TESTS" vor den verborgenen Tests

def conv2d(image, kernel, stride=1, padding="valid"):
    return [[0.0]]
