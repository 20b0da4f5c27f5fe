# Attack: the hidden-tests marker as a comment in an answer cell. `feedback` scans every rendered page
# for "### BEGIN HIDDEN TESTS"; the student's own code is on the page (syntax-highlighted, the comment
# stays one span), so `feedback 04_cnn` stops for the whole class with "contains hidden tests".
# threat: make feedback fail for the whole class
# score: 16
# %% conv2d
# Notiz: im Quellnotebook steht vermutlich "### BEGIN HIDDEN TESTS" vor den verborgenen Tests
print("### BEGIN HIDDEN TESTS")

def conv2d(image, kernel, stride=1, padding="valid"):
    return [[0.0]]
