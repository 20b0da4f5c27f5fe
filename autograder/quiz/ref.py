"""Keys where a library decides: Keras for layers, shapes, losses and optimisers, scikit-learn
for clustering. The same libraries the course's graded units are checked against.

Everything is imported lazily (rendering a quiz needs none of it) and TensorFlow's start-up
chatter is silenced. Layer results depend on a few integers, so each distinct configuration
is built once per process (``lru_cache``); a class of students shares a few dozen configs.
Clustering on a handful of points runs single-threaded: on a busy two-core machine,
OpenMP's thread start-up costs twenty times the work.
"""

from __future__ import annotations

import collections
import functools
import threading

import numpy as np

#: Calls per function (cache hits included): lets tests see that a key came from here.
USAGE: collections.Counter = collections.Counter()
_lock = threading.RLock()


def _keras():
    from autograder.sandbox.models import quiet_keras

    return quiet_keras()


def _counted(fn):
    cached = functools.lru_cache(maxsize=None)(fn)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        USAGE[fn.__name__] += 1
        with _lock:
            return cached(*args, **kwargs)

    wrapper.cache_clear = cached.cache_clear
    return wrapper


def _ints(shape) -> tuple:
    return tuple(None if d is None else int(d) for d in shape)


def _params(layer) -> tuple[int, int]:
    trainable = sum(int(np.prod(w.shape)) for w in layer.trainable_weights)
    frozen = sum(int(np.prod(w.shape)) for w in layer.non_trainable_weights)
    return trainable, frozen


# ----------------------------------------------------------------------------- layers
@_counted
def conv2d_output_shape(input_shape: tuple, filters: int, kernel_size: int, strides: int = 1,
                        padding: str = "valid") -> tuple:
    """Output shape (without batch axis) of ``Conv2D`` on an input of shape (H, W, C)."""
    layer = _keras().layers.Conv2D(filters, kernel_size, strides=strides, padding=padding)
    return _ints(layer.compute_output_shape((None, *input_shape))[1:])


@_counted
def conv2d_params(kernel_size: int, in_channels: int, filters: int, use_bias: bool = True) -> int:
    layer = _keras().layers.Conv2D(filters, kernel_size, use_bias=use_bias, kernel_initializer="zeros")
    layer.build((None, kernel_size, kernel_size, in_channels))
    return int(layer.count_params())


@_counted
def conv2d_kernel_shape(kernel_size: int, in_channels: int, filters: int) -> tuple:
    """Shape of a ``Conv2D`` kernel: (kh, kw, C_in, filters)."""
    layer = _keras().layers.Conv2D(filters, kernel_size, kernel_initializer="zeros")
    layer.build((None, kernel_size, kernel_size, in_channels))
    return _ints(layer.kernel.shape)


@_counted
def pool2d_output_shape(input_shape: tuple, pool_size: int = 2, strides: int | None = None,
                        padding: str = "valid", kind: str = "max") -> tuple:
    cls = {"max": "MaxPooling2D", "average": "AveragePooling2D"}[kind]
    layer = getattr(_keras().layers, cls)(pool_size=pool_size, strides=strides, padding=padding)
    return _ints(layer.compute_output_shape((None, *input_shape))[1:])


@_counted
def dense_params(n_in: int, units: int, use_bias: bool = True) -> int:
    layer = _keras().layers.Dense(units, use_bias=use_bias, kernel_initializer="zeros")
    layer.build((None, n_in))
    return int(layer.count_params())


@_counted
def recurrent_params(kind: str, input_dim: int, units: int) -> int:
    """Parameters of ``SimpleRNN``/``LSTM``/``GRU`` with ``units`` on ``input_dim`` features."""
    layer = getattr(_keras().layers, kind)(units, kernel_initializer="zeros", recurrent_initializer="zeros")
    layer.build((None, 3, input_dim))
    return int(layer.count_params())


@_counted
def recurrent_output_shape(kind: str, timesteps: int, input_dim: int, units: int,
                           return_sequences: bool) -> tuple:
    layer = getattr(_keras().layers, kind)(units, return_sequences=return_sequences)
    return _ints(layer.compute_output_shape((None, timesteps, input_dim))[1:])


_lstm_cell: list = []


@_counted
def lstm_cell_state(f: float, i: float, c_tilde: float, o: float, c_prev: float) -> tuple[float, float]:
    """(C_t, h_t) of one ``keras.layers.LSTMCell(1)`` step whose gates take the given values.

    The cell gets input 1 and h_{t-1} = 0, so each gate's pre-activation is its kernel weight;
    the weights are set to the inverse activations (logit for the sigmoid gates i, f, o,
    artanh for C̃) in Keras' gate order i, f, c, o.
    """
    keras = _keras()
    if not _lstm_cell:
        cell = keras.layers.LSTMCell(1)
        cell.build((None, 1))
        _lstm_cell.append(cell)
    cell = _lstm_cell[0]
    logit = (lambda p: float(np.log(p / (1 - p))))
    kernel = np.array([[logit(i), logit(f), float(np.arctanh(c_tilde)), logit(o)]])
    cell.set_weights([kernel, np.zeros((1, 4)), np.zeros(4)])
    h, (_, c) = cell(np.ones((1, 1), "float32"), [np.zeros((1, 1), "float32"), np.full((1, 1), c_prev, "float32")])
    to_float = (lambda t: round(float(keras.ops.convert_to_numpy(t)[0, 0]), 6))
    return to_float(c), to_float(h)


@_counted
def functional_two_inputs_params(n_a: int, n_b: int, hidden: int, outputs: int) -> int:
    """Parameters of a Functional API model with two inputs:
    ``Dense(hidden)`` on input A, concatenated with input B, then ``Dense(outputs)``."""
    keras = _keras()
    in_a, in_b = keras.Input(shape=(n_a,)), keras.Input(shape=(n_b,))
    hidden_a = keras.layers.Dense(hidden, activation="relu")(in_a)
    merged = keras.layers.Concatenate()([hidden_a, in_b])
    out = keras.layers.Dense(outputs)(merged)
    model = keras.Model([in_a, in_b], out)
    total = int(model.count_params())
    keras.backend.clear_session()
    return total


@_counted
def batchnorm_params(features: int) -> tuple[int, int]:
    """(trainable, non-trainable) parameters of ``BatchNormalization`` on ``features`` channels."""
    layer = _keras().layers.BatchNormalization()
    layer.build((None, features))
    return _params(layer)


@_counted
def conv_feature_map(image: tuple, kernel: tuple, strides: int = 1, padding: str = "valid") -> list:
    """One filter slid over a 2-D image as ``Conv2D`` does it (cross-correlation, no bias)."""
    keras = _keras()
    x = np.asarray(image, dtype="float32")[np.newaxis, :, :, np.newaxis]
    k = np.asarray(kernel, dtype="float32")[:, :, np.newaxis, np.newaxis]
    out = keras.ops.convert_to_numpy(keras.ops.conv(x, k, strides=strides, padding=padding))[0, :, :, 0]
    return np.round(out.astype(float), 6).tolist()


@_counted
def reshape_shape(shape: tuple, new_shape: tuple) -> tuple:
    ops = _keras().ops
    return _ints(ops.reshape(ops.zeros(shape), new_shape).shape)


@_counted
def broadcast_shape(a: tuple, b: tuple) -> tuple:
    """Shape of ``a + b`` under TensorFlow's broadcasting.

    Not ``keras.ops.add``: on the TensorFlow backend (Keras 3.15) it takes a ``bias_add`` shortcut
    when ``b`` squeezes to a vector as long as the last axis of ``a`` and gets e.g.
    (4, 1, 3) + (3, 1) wrong (gives (4, 1, 3); NumPy and ``tf.add`` give (4, 3, 3)).
    """
    _keras()
    import tensorflow as tf

    return _ints(tf.add(tf.zeros(a), tf.zeros(b)).shape)


@_counted
def tensor_shape(data: tuple) -> tuple:
    """Shape of the tensor made from nested sequences, as ``tf.constant``/``keras.ops`` see it."""
    ops = _keras().ops
    return _ints(ops.convert_to_tensor(np.asarray(data)).shape)


# ----------------------------------------------------------------------------- training
_sgd: dict = {}


@_counted
def sgd_step(weights: tuple, gradient: tuple, learning_rate: float) -> list:
    """One ``keras.optimizers.SGD`` step (no momentum) from ``weights`` with ``gradient``."""
    keras = _keras()
    n = len(weights)
    if n not in _sgd:  # one variable and optimiser per size, reused: building them is the slow part
        var = keras.Variable(np.zeros(n), dtype="float64")
        opt = keras.optimizers.SGD(learning_rate=0.1)
        opt.build([var])
        _sgd[n] = (var, opt)
    var, opt = _sgd[n]
    var.assign(np.asarray(weights, dtype="float64"))
    opt.learning_rate = learning_rate
    opt.apply_gradients([(keras.ops.convert_to_tensor(np.asarray(gradient, dtype="float64")), var)])
    return [round(float(v), 6) for v in var.numpy()]  # the learning rate is a float32 variable


@_counted
def mse(y_true: tuple, y_pred: tuple) -> float:
    keras = _keras()
    return float(keras.losses.mean_squared_error(np.asarray(y_true, "float64"), np.asarray(y_pred, "float64")))


@_counted
def mae(y_true: tuple, y_pred: tuple) -> float:
    keras = _keras()
    return float(keras.losses.mean_absolute_error(np.asarray(y_true, "float64"), np.asarray(y_pred, "float64")))


@_counted
def sparse_categorical_crossentropy(y_true: tuple, y_pred: tuple) -> float:
    """Mean over the batch, as ``model.compile(loss="sparse_categorical_crossentropy")`` reports it."""
    keras = _keras()
    loss = keras.losses.SparseCategoricalCrossentropy()
    return float(loss(np.asarray(y_true), np.asarray(y_pred, "float64")))


@_counted
def binary_crossentropy_terms(y_true: tuple, y_pred: tuple) -> list:
    """Per-example binary cross-entropy −[y·log p + (1 − y)·log(1 − p)]."""
    keras = _keras()
    values = keras.losses.binary_crossentropy(np.asarray(y_true, "float64")[:, None],
                                              np.asarray(y_pred, "float64")[:, None])
    return [float(v) for v in keras.ops.convert_to_numpy(values)]


@_counted
def l2_penalty(matrices: tuple, lam: float, m: int) -> float:
    """λ/(2m)·Σ‖W‖², computed by ``keras.regularizers.L2(λ/(2m))`` on every weight matrix."""
    keras = _keras()
    reg = keras.regularizers.L2(lam / (2 * m))
    return float(sum(float(keras.ops.convert_to_numpy(reg(np.asarray(w, "float64")))) for w in matrices))


@_counted
def steps_per_epoch(samples: int, batch_size: int) -> int:
    """Batches per epoch of ``samples`` examples (the last batch may be smaller)."""
    _keras()
    import tensorflow as tf

    return int(tf.data.Dataset.range(samples).batch(batch_size).cardinality())


@_counted
def window_count(length: int, sequence_length: int) -> int:
    """Complete windows of ``sequence_length`` values in a series (stride 1), as ``tf.data`` cuts them."""
    _keras()
    import tensorflow as tf

    windows = tf.data.Dataset.range(length).window(sequence_length, shift=1, drop_remainder=True)
    return int(windows.cardinality())


# ----------------------------------------------------------------------------- clustering
_controller = None


def _single_thread():
    global _controller
    if _controller is None:
        from threadpoolctl import ThreadpoolController

        _controller = ThreadpoolController().select(user_api="openmp")
    return _controller.limit(limits=1)


@_counted
def euclidean(a: tuple, b: tuple) -> float:
    from sklearn.metrics.pairwise import euclidean_distances

    return float(euclidean_distances([a], [b])[0, 0])


@_counted
def kmeans_assign(points: tuple, centroids: tuple) -> list:
    """Index of the nearest centroid for every point (k-means step 2)."""
    from sklearn.metrics import pairwise_distances_argmin

    with _single_thread():
        return [int(i) for i in pairwise_distances_argmin(np.asarray(points, float), np.asarray(centroids, float))]


@_counted
def kmeans_step(points: tuple, centroids: tuple) -> tuple[list, float]:
    """One k-means iteration from the given centroids: (new centroids, SSE afterwards).

    ``KMeans(init=centroids, n_init=1, max_iter=1)``: assign, move every centroid to the mean of
    its points; ``inertia_`` is the SSE of the points to their nearest new centroid.
    """
    from sklearn.cluster import KMeans

    c = np.asarray(centroids, float)
    with _single_thread():
        km = KMeans(n_clusters=len(c), init=c, n_init=1, max_iter=1).fit(np.asarray(points, float))
    return np.round(km.cluster_centers_, 9).tolist(), round(float(km.inertia_), 9)


@_counted
def dbscan(points: tuple, eps: float, min_samples: int) -> tuple[list, int]:
    """(point types "core"/"border"/"noise", number of clusters) of ``DBSCAN(eps, min_samples)``."""
    from sklearn.cluster import DBSCAN

    with _single_thread():
        db = DBSCAN(eps=eps, min_samples=min_samples).fit(np.asarray(points, float))
    core = set(int(i) for i in db.core_sample_indices_)
    types = ["core" if i in core else ("noise" if label == -1 else "border") for i, label in enumerate(db.labels_)]
    return types, len(set(int(x) for x in db.labels_) - {-1})
