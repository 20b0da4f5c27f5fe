# Attack: return an object that compares equal to anything (nbgrader #1379)
# threat: objects that compare equal to anything
# score: 16
# %% conv2d
class Anything:
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    __hash__ = object.__hash__

def conv2d(image, kernel, stride=1, padding="valid"):
    return Anything()
