# Attack: objects that pretend to be arrays, numbers and tuples (subclasses that lie)
# threat: objects that pretend to be arrays, numbers or tuples
# score: 9
# %% conv2d
import numpy as np

class FakeArray:
    shape = (2, 2)
    def __array__(self, dtype=None, copy=None):
        return np.zeros((2, 2))
    def __eq__(self, other):
        return True

def conv2d(image, kernel, stride=1, padding="valid"):
    return FakeArray()
# %% conv2d_params
class Sneaky(float):
    def __eq__(self, other):
        return True
    def __sub__(self, other):
        return 0.0
    def __rsub__(self, other):
        return 0.0
    def __lt__(self, other):
        return True
    def __abs__(self):
        return 0.0

def conv2d_params(kernel_size, in_channels, filters, use_bias=True):
    return Sneaky(-1.0)
# %% conv_output_shape
class LyingTuple(tuple):
    def __eq__(self, other):
        return True

def conv_output_shape(input_shape, filters, kernel_size, strides=1, padding="valid"):
    return LyingTuple((0, 0, 0))
