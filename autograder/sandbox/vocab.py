"""Fixed vocabularies: the only words a sandbox may use where its words reach people.

A string that comes out of a sandbox reaches results, feedback or the gradebook only if it
is a visible case's own value or one of the words below. Names of exception classes,
Keras layer types and activations are checked against these lists, so a hostile
submission cannot smuggle text (such as hidden test inputs) through them.
"""

from __future__ import annotations

import builtins

#: What the sandbox itself reports having set up (in its first event). ``allowlist-fs`` (the worker
#: runs in bubblewrap) is added by the coordinator, which started it, never claimed by a sandbox.
PROTECTIONS = frozenset({
    "cgroup-memory", "cgroup-pids", "cgroup-cpu", "mount-ns", "net-ns", "pid-ns", "ipc-ns", "uts-ns", "masked-paths",
    "private-tmp", "private-proc", "rlimit-cpu", "rlimit-fsize", "rlimit-core", "rlimit-as", "no-new-privs",
    "user-nobody", "process-sweep", "hidden-cgroupfs",
})

#: Built-in exception classes by name (what ``Raises`` and hidden-case messages may name).
BUILTIN_EXCEPTIONS = frozenset(name for name, obj in vars(builtins).items()
                               if isinstance(obj, type) and issubclass(obj, BaseException))

CELL_STATUS = frozenset({"ok", "error", "timeout"})

#: Layer classes of Keras 3 (``keras.layers``), as named in a model summary.
KERAS_LAYERS = frozenset("""
Activation ActivityRegularization Add AdditiveAttention AlphaDropout Attention AugMix AutoContrast Average
AveragePooling1D AveragePooling2D AveragePooling3D BatchNormalization Bidirectional CategoryEncoding CenterCrop
Concatenate Conv1D Conv1DTranspose Conv2D Conv2DTranspose Conv3D Conv3DTranspose ConvLSTM1D ConvLSTM2D ConvLSTM3D
Cropping1D Cropping2D Cropping3D CutMix Dense DepthwiseConv1D DepthwiseConv2D Discretization Dot Dropout ELU
EinsumDense Embedding Equalization Flatten FlaxLayer GaussianDropout GaussianNoise GlobalAveragePooling1D
GlobalAveragePooling2D GlobalAveragePooling3D GlobalMaxPooling1D GlobalMaxPooling2D GlobalMaxPooling3D GroupNormalization
GroupQueryAttention GRU GRUCell Hashing HashedCrossing Identity InputLayer InputSpec IntegerLookup JaxLayer
LayerNormalization LeakyReLU Masking MaxNumBoundingBoxes MaxPooling1D MaxPooling2D MaxPooling3D Maximum MelSpectrogram
MixUp Minimum MultiHeadAttention Multiply Normalization Permute Pipeline PReLU RandAugment RandomBrightness
RandomColorDegeneration RandomColorJitter RandomContrast RandomCrop RandomElasticTransform RandomErasing RandomFlip
RandomGaussianBlur RandomGrayscale RandomHue RandomInvert RandomPerspective RandomPosterization RandomRotation
RandomSaturation RandomSharpness RandomShear RandomTranslation RandomZoom ReLU RepeatVector Rescaling Reshape Resizing
ReversibleEmbedding RMSNormalization RNN SeparableConv1D SeparableConv2D SimpleRNN SimpleRNNCell Softmax Solarization
SpatialDropout1D SpatialDropout2D SpatialDropout3D SpectralNormalization StackedRNNCells STFTSpectrogram StringLookup
Subtract TextVectorization TFSMLayer TimeDistributed TorchModuleWrapper UnitNormalization UpSampling1D UpSampling2D
UpSampling3D Wrapper ZeroPadding1D ZeroPadding2D ZeroPadding3D LSTM LSTMCell Lambda Sequential Functional Model
AdaptiveAveragePooling1D AdaptiveAveragePooling2D AdaptiveAveragePooling3D AdaptiveMaxPooling1D AdaptiveMaxPooling2D
AdaptiveMaxPooling3D ContrastLimitedAdaptiveHistogramEqualization Layer
""".split())

#: Activation functions of Keras 3 (``keras.activations``), as named in a layer's config.
ACTIVATIONS = frozenset("""
celu elu exponential gelu glu hard_shrink hard_sigmoid hard_silu hard_swish hard_tanh leaky_relu linear log_sigmoid
log_softmax mish relu relu6 selu sigmoid silu soft_shrink softmax softplus softsign sparse_plus sparse_sigmoid
sparsemax squareplus swish tanh tanh_shrink threshold
""".split())


def known(word, vocabulary: frozenset, other: str = "?") -> str:
    """``word`` if it is in ``vocabulary``, else the placeholder ``other``."""
    return word if isinstance(word, str) and word in vocabulary else other
