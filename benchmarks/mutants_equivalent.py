"""Mutants of the reference solutions that compute the same as the reference on every input the
task allows (decided by reading them; see benchmarks/mutants.py). Keyed by the mutant's id, which
is a hash of the mutated cell: an edited reference gives new ids, and stale entries are ignored."""

EQUIVALENT = {
    # 00_python
    "00_python/z_score#b70de57f": "ohne dtype=float: bei gleichen ganzen Zahlen Nullen als int (numerisch "
                                  "gleich), sonst liefert die Division float",
    "00_python/z_score#652f11a4": "alle gleich x[-1] statt x[0]: alle Werte sind genau dann gleich dem letzten, "
                                  "wenn sie gleich dem ersten sind",
    "00_python/sentiment_score#939e099a": "for w in positive statt set(positive): die Wortlisten der Aufgabe "
                                          "enthalten jedes Wort einmal; ob ein doppelt gelistetes Wort doppelt "
                                          "zählt, sagt die Aufgabe nicht, also prüft es kein Test",
    "00_python/sentiment_score#b6d1ef78": "wie oben für die negative Liste",
    "00_python/z_score#4735705f": "ohne dtype=float: std() und mean() rechnen ohnehin in float64; nur die "
                                  "Nullen bei konstanter Eingabe sind dann ganze Zahlen, numerisch gleich",
    # 01_tensors
    "01_tensors/broadcast_shape#da64c305": "max(len(b), len(a)) = max(len(a), len(b))",
    "01_tensors/broadcast_shape#1fa61b0f": "int(...) entfernt: die Längen sind schon ganze Zahlen (auch als NumPy-"
                                           "Ganzzahl gleich übertragen)",
    "01_tensors/broadcast_shape#4e113fa9": "wie oben für den anderen Zweig",
    "01_tensors/standardize_columns#2e10bcd3": "ohne dtype=float: mean und std liefern float, die Differenz ebenso",
    "01_tensors/standardize_columns#d4a825f6": "2.0 statt 1.0 als Ersatz-Standardabweichung: konstante Spalten werden "
                                               "danach ohnehin 0",
    "01_tensors/standardize_columns#01691b8e": "np.where(0.0, ...) gibt überall (X - mean) / safe_std zurück: eine "
                                               "konstante Spalte minus ihr Mittelwert ist bis auf Rundung (1e-17) 0, "
                                               "geteilt durch den Ersatz 1 (Toleranz 1e-5)",
    "01_tensors/dense_forward#937d2d61": "x nicht umgewandelt: x @ W wandelt eine Liste selbst um",
    "01_tensors/dense_forward#24fad6cb": "ohne dtype=float bei x: das Produkt mit float-Gewichten ist float",
    "01_tensors/dense_forward#9c6bf33e": "W nicht umgewandelt: x @ W wandelt eine Liste selbst um",
    "01_tensors/dense_forward#ec546f96": "ohne dtype=float bei W: x ist float, das Produkt auch",
    "01_tensors/dense_forward#263fd81f": "b nicht umgewandelt: z + b wandelt eine Liste selbst um",
    "01_tensors/dense_forward#4083d0a4": "ohne dtype=float bei b: z ist float, die Summe auch",
    "01_tensors/dense_forward#5502dbf7": "np.maximum(0.0, z) = np.maximum(z, 0.0)",
    "01_tensors/tensor_rank#416211f5": "ohne int(...): np.ndim gibt für Zahlen, Listen, Arrays und Tensoren "
                                       "schon ein Python-int zurück",
    "01_tensors/flatten_batch#f02d233a": "reshape(N, -2) statt reshape(N, -1): NumPy liest jede negative Länge "
                                         "als die eine unbekannte Achse",
    "01_tensors/standardize_columns#7ba6767c": "2.0 statt 1.0 als Ersatz-Standardabweichung: bei std == 0 ist "
                                               "jede Abweichung X - mean genau 0, 0/2 = 0/1",
    "01_tensors/dense_forward#da9b198c": "raise bei unbekannter Aktivierung gelöscht: die Aufgabe erlaubt nur "
                                         "None, linear, relu, sigmoid, tanh und verlangt keinen Fehler",
    # 02_regression
    "02_regression/mse#508b6ecd": "ohne dtype=float bei y_true: y_pred bleibt float, die Differenz ist float",
    "02_regression/mse#73bca2fd": "ohne dtype=float bei y_pred: y_true bleibt float, die Differenz ist float",
    "02_regression/mse#d2b0a348": "(y_pred - y_true)**2 = (y_true - y_pred)**2",
    "02_regression/mae#f2e86cc3": "ohne dtype=float bei y_true: y_pred bleibt float, die Differenz ist float",
    "02_regression/mae#043e54d6": "ohne dtype=float bei y_pred: y_true bleibt float, die Differenz ist float",
    "02_regression/mae#d41af692": "|y_pred - y_true| = |y_true - y_pred|",
    "02_regression/gradient_descent_step#ce27fabc": "ohne dtype=float bei w: lr * grad ist float, die Differenz auch",
    "02_regression/gradient_descent_step#1d05f918": "ohne dtype=float bei grad: w ist float, die Differenz auch",
    "02_regression/gradient_descent_step#1424d39e": "ndim == -1 nie wahr: bei Skalaren ein 0-d-Array statt float; der Vergleich des Graders wertet beide als dieselbe Zahl",
    "02_regression/mse_gradient#ad3abbf4": "ohne dtype=float bei x: y ist float, also auch error und error * x",
    "02_regression/dense_params#76b3c61f": "int(n_in) entfernt: n_in ist laut Aufgabe eine ganze Zahl",
    "02_regression/dense_params#bcfd2445": "int(n_out) entfernt: n_out ist laut Aufgabe eine ganze Zahl",
    "02_regression/dense_params#23b5e4a8": "int(n_out) entfernt: n_out ist laut Aufgabe eine ganze Zahl",
    "02_regression/build_regressor#6e193fd3": "compile gelöscht: laut Aufgabe werden nur Schichttypen, Formen, Parameterzahlen und Aktivierungen bewertet, nicht Loss und Optimizer",
    "02_regression/build_regressor#2d225ffc": "compile ohne loss: Loss wird laut Aufgabe nicht bewertet",
    "02_regression/build_regressor#3ca7ce3a": "compile ohne optimizer: Optimizer wird laut Aufgabe nicht bewertet",
    "02_regression/build_regressor#51fc346a": "loss mae statt mse: Loss wird laut Aufgabe nicht bewertet",
    "02_regression/build_regressor#6297ef56": "sgd statt adam: Optimizer wird laut Aufgabe nicht bewertet",
    "02_regression/mse_gradient#625205c9": "y nicht umgewandelt: w * x + b - y wandelt eine Liste selbst um "
                                           "(x ist schon ein float-Array)",
    "02_regression/mse_gradient#20970ae5": "ohne dtype=float bei y: x ist float, die Differenz auch",
    "02_regression/train_regressor#e2ec5f70": "2.0 statt 1.0 als Ersatz-Standardabweichung: eine konstante Spalte "
                                              "minus ihr Mittelwert ist 0, 0/2 = 0/1",
    "02_regression/train_regressor#e7a3d554": "set_random_seed gelöscht: laut Aufgabe wird nur die Güte der "
                                              "Vorhersagen bewertet (andere Vorgehensweisen erlaubt)",
    "02_regression/train_regressor#c9151809": "Seed 1 statt 0: wie oben, nur die Güte wird bewertet",
    "02_regression/train_regressor#9407238f": "X_train nicht umgewandelt: die Tests übergeben Arrays; Listen "
                                              "würden bei .mean scheitern, sind aber laut Aufgabe keine Eingabe",
    "02_regression/train_regressor#be56f23a": "ohne dtype=float bei X_train: die Daten sind schon Kommazahlen",
    "02_regression/train_regressor#3bc824b2": "X_test nicht umgewandelt: X_test - mean wandelt selbst um",
    "02_regression/train_regressor#b19bc98e": "ohne dtype=float bei X_test: wie oben",
    "02_regression/train_regressor#ad340023": "compile ohne loss: build_regressor hat das Modell schon mit "
                                              "loss='mse' kompiliert, und das Training läuft damit (gemessen: "
                                              "alle fünf Fälle bestanden)",
    "02_regression/train_regressor#35f91c8e": "Loss mae statt mse: nur die Güte wird bewertet, andere Vorgehensweisen "
                                              "sind erlaubt",
    "02_regression/train_regressor#94e8c308": "ohne dtype=float bei y_train: Keras wandelt selbst um",
    "02_regression/train_regressor#15bd68b8": "batch_size 17 statt 16: nur die Güte wird bewertet",
    "02_regression/train_regressor#c870a63e": "verbose=1 statt 0: nur die Ausgabe ändert sich",
    "02_regression/train_regressor#205efff8": "verbose=-1 statt 0: nur die Ausgabe ändert sich",
    "02_regression/train_regressor#caf6319a": "predict mit verbose=1: nur die Ausgabe ändert sich",
    "02_regression/train_regressor#bbee50e0": "predict mit verbose=-1: nur die Ausgabe ändert sich",
    "02_regression/train_regressor#d698ea01": "std über alle Werte statt je Spalte: bewertet wird laut Aufgabe nur die Güte der Vorhersagen, andere Vorgehensweisen sind ausdrücklich erlaubt",
    "02_regression/train_regressor#2e08d21b": "var statt std als Skalierung: wie oben, nur die Güte wird bewertet",
    "02_regression/train_regressor#433c1162": "batch_size 15 statt 16: wie oben, nur die Güte wird bewertet",
    # 05_clustering
    "05_clustering/dbscan_point_types#6b782638": "Nachbarn je Spalte statt je Zeile gezählt: die Matrix dist <= eps "
                                                 "ist symmetrisch",
    "05_clustering/assign_clusters#9ed0761c": "ohne dtype=float bei X: Quadrate ganzer Zahlen sind exakt, argmin gleich",
    "05_clustering/assign_clusters#a7eb699b": "ohne dtype=float bei den Zentroiden: die Differenz mit X (float) ist float",
    "05_clustering/assign_clusters#9a139a5a": "mean statt sum der Quadrate: dieselbe Reihenfolge der Abstände (Faktor "
                                              "1/m), argmin und Gleichstände unverändert",
    "05_clustering/assign_clusters#48619ed5": "(C - X)**2 = (X - C)**2",
    "05_clustering/update_centroids#8060f984": "ohne astype(int): labels sind laut Aufgabe ganze Zahlen, np.asarray "
                                               "macht daraus schon ein int-Array",
    "05_clustering/update_centroids#b90feec6": "np.full((k, m)) ohne int(k): k ist eine ganze Zahl",
    "05_clustering/kmeans#787357f8": "ohne dtype=float bei X: assign_clusters und update_centroids wandeln selbst um",
    "05_clustering/kmeans#cc6e140d": "Startzentroide ohne dtype=float: update_centroids liefert float-Zentroide, "
                                     "assign_clusters rechnet mit ganzen Zahlen exakt",
    "05_clustering/kmeans#36d047ee": "range(n_iter) ohne int: n_iter ist eine ganze Zahl",
    "05_clustering/kmeans#98fd949d": "Abbruch bei Konvergenz gelöscht: danach ändert eine Iteration nichts (Fixpunkt)",
    "05_clustering/kmeans#5757dfca": "np.array_equal(a, b) = np.array_equal(b, a)",
    "05_clustering/sse#b498bd22": "ohne dtype=float bei X: X - C[labels] (C ist float) ist float",
    "05_clustering/sse#28cc2ae9": "ohne dtype=float bei den Zentroiden: X ist float, die Differenz auch",
    "05_clustering/sse#eea66d04": "(C[labels] - X)**2 = (X - C[labels])**2",
    "05_clustering/elbow_curve#5c516bb3": "X nicht umgewandelt: X[:k] einer Liste ist eine Liste, kmeans und sse "
                                          "wandeln selbst um",
    "05_clustering/elbow_curve#13c6f744": "ohne dtype=float: kmeans und sse wandeln selbst in float um",
    "05_clustering/silhouette_values#408d530f": "ohne dtype=float: Abstände ganzzahliger Punkte über np.sqrt sind float",
    "05_clustering/silhouette_values#dd96f961": "1 <= Clusterzahl statt 2 <=: bei einem Cluster wirft min() über die "
                                                "leere Folge der anderen Cluster ebenfalls einen ValueError",
    "05_clustering/silhouette_values#e204fea7": "mean statt sum der Quadrate: alle Abstände mit demselben Faktor "
                                                "1/sqrt(m) skaliert; der Silhouettenkoeffizient ist skalenfrei",
    "05_clustering/silhouette_values#40911371": "(X[j] - X[i])**2 = (X[i] - X[j])**2",
    "05_clustering/silhouette_values#ce0eb168": "Sonderfall n_own == 1 gelöscht: a = 0/0 = nan, max(nan, b) ist nan, "
                                                "nan > 0 ist falsch, also s = 0 wie im Sonderfall",
    "05_clustering/silhouette_values#35506bc9": "n_own == 0 statt == 1: wie oben, der allgemeine Weg liefert s = 0",
    "05_clustering/silhouette_values#92070a64": "continue gelöscht: wie oben, der allgemeine Weg liefert s = 0",
    "05_clustering/silhouette_values#780d1e82": "max(b, a) statt max(a, b): unterscheidet sich nur bei nan, und nan "
                                                "entsteht nur bei n_own == 1, das vorher übersprungen wird",
    "05_clustering/update_centroids#3333dedb": "ohne dtype=float: members.mean() ist ohnehin float, das Ergebnis-Array auch",
    "05_clustering/update_centroids#2153ba1e": "range(k) statt range(int(k)): k ist laut Aufgabe eine ganze Zahl",
    "05_clustering/kmeans#283fe167": "X nicht umgewandelt: assign_clusters und update_centroids wandeln selbst um",
    "05_clustering/kmeans#5a570c5e": "break gelöscht: nach Konvergenz ändert eine weitere Iteration nichts (Fixpunkt)",
    "05_clustering/sse#31195d95": "X nicht umgewandelt: X - C[labels] wandelt eine Liste selbst in ein Array um",
    "05_clustering/sse#27ba939b": "ohne astype(int): labels sind laut Aufgabe ganzzahlige Cluster-Indizes",
    "05_clustering/elbow_curve#3bf6157f": "range(1, k_max + 1) ohne int: k_max ist eine ganze Zahl",
    "05_clustering/silhouette_values#4d2afd60": "n_own als NumPy-Ganzzahl statt int: rechnet gleich",
    "05_clustering/dbscan_point_types#55dbfae0": "ohne dtype=float: Differenzen und Quadrate ganzer Zahlen sind exakt, sqrt liefert float",
    "05_clustering/dbscan_point_types#26850df4": "(X[j] - X[i])**2 = (X[i] - X[j])**2: dieselbe Abstandsmatrix",
    # 03_classification
    "03_classification/one_hot#13790359": "ohne astype(int): labels sind laut Aufgabe ganze Zahlen",
    "03_classification/one_hot#973c4b48": "reshape(-2) statt reshape(-1): NumPy liest jede negative Länge als unbekannt",
    "03_classification/one_hot#931eb331": "int(num_classes) entfernt: num_classes ist eine ganze Zahl",
    "03_classification/categorical_crossentropy#469b0199": "ohne dtype=float bei y_true: y_true * log(y_pred) ist float",
    "03_classification/categorical_crossentropy#63078a57": "obere Grenze 2 - eps statt 1 - eps: Wahrscheinlichkeiten sind <= 1, der Loss ändert sich höchstens um -log(1 - 1e-7) = 1e-7, unter der Toleranz atol 1e-6",
    "03_classification/sparse_categorical_crossentropy#9fc202f5": "ohne astype(int): die Labels sind ganze Zahlen",
    "03_classification/sparse_categorical_crossentropy#8e73499e": "ohne dtype=float: np.clip mit float-Grenzen liefert auch für ganzzahlige y_pred ein float-Array",
    "03_classification/sparse_categorical_crossentropy#9326e9bb": "obere Grenze 1 + eps statt 1 - eps: der Loss ändert sich höchstens um 1e-7, unter der Toleranz atol 1e-6",
    "03_classification/predict_labels#d237ad3b": "binär ohne astype(int): bool-Array mit denselben Werten; der Vergleich des Graders wertet True/False wie 1/0",
    "03_classification/softmax#a3aaf41c": "z nicht umgewandelt: z - np.max(z, ...) macht aus Listen und ganzen Zahlen "
                                          "ein Array, np.exp liefert float",
    "03_classification/softmax#34f77a09": "ohne dtype=float: wie oben, np.exp liefert float",
    "03_classification/categorical_crossentropy#8164f0c1": "y_true nicht umgewandelt: y_true * np.log(y_pred) wandelt "
                                                           "eine Liste selbst um",
    "03_classification/categorical_crossentropy#39c54b98": "ohne dtype=float bei y_pred: np.clip mit float-Grenzen "
                                                           "liefert ein float-Array",
    "03_classification/categorical_crossentropy#7fc44cc2": "np.clip(EPSILON, y_pred, 1 - EPSILON) = "
                                                           "np.clip(y_pred, EPSILON, 1 - EPSILON)",
    "03_classification/categorical_crossentropy#fe668fb8": "obere Grenze 1 + eps statt 1 - eps: Wahrscheinlichkeiten "
                                                           "sind <= 1, der Loss ändert sich höchstens um 1e-7 "
                                                           "(Toleranz 1e-6)",
    "03_classification/sparse_categorical_crossentropy#043ba59c": "reshape(-2) statt reshape(-1): NumPy liest jede "
                                                                 "negative Länge als unbekannt",
    "03_classification/sparse_categorical_crossentropy#cd3c8ace": "np.clip(EPSILON, y_pred, 1 - EPSILON) = "
                                                                 "np.clip(y_pred, EPSILON, 1 - EPSILON)",
    "03_classification/sparse_categorical_crossentropy#52e96c58": "obere Grenze 2 - eps statt 1 - eps: "
                                                                 "Wahrscheinlichkeiten sind <= 1",
    "03_classification/output_layer#d92a6d23": "int(n_classes) entfernt: n_classes ist laut Aufgabe eine ganze Zahl",
    "03_classification/output_layer#496214a1": "wie oben (multiclass)",
    "03_classification/predict_labels#20512231": "ohne dtype=float: Wahrscheinlichkeiten sind schon Kommazahlen, "
                                                 "Vergleiche und argmax sind gleich",
    "03_classification/predict_labels#1549dc8d": "argmax(axis=1) statt axis=-1: multiclass-Eingaben haben laut "
                                                 "Aufgabe die Form (n, K), dort sind beide Achsen gleich",
    "03_classification/predict_labels#821bbf0e": "reshape(len(p), 1) statt (len(p), -1): binäre Eingaben haben "
                                                 "die Form (n,) oder (n, 1), beides hat genau eine Spalte",
    "03_classification/predict_labels#3d024ccf": "reshape(len(p), -2): NumPy liest jede negative Länge als unbekannt",
    "03_classification/predict_labels#86fe2583": "Spalte -1 statt 0: binäre Eingaben haben nur eine Spalte",
    "03_classification/predict_labels#76100072": "multilabel ohne astype(int): bool-Array mit denselben Werten; der "
                                                 "Vergleich des Graders wertet True/False wie 1/0",
    "03_classification/predict_labels#a6536701": "raise bei unbekannter Aufgabe gelöscht: die Aufgabe erlaubt nur "
                                                 "binary, multilabel, multiclass und verlangt keinen Fehler",
    "03_classification/build_classifier#81ba5e03": "metrics=['mse'] statt ['accuracy']: Metriken werden laut Aufgabe "
                                                   "nicht bewertet (nur Loss, Optimierer und Lernrate von compile)",
    "03_classification/build_classifier#db99db28": "compile ohne metrics: Metriken werden laut Aufgabe nicht bewertet",
    # 07_generative
    "07_generative/reconstruction_error#f3408a0a": "X_hat nicht umgewandelt: X ist schon ein float-Array, X - X_hat wandelt selbst um",
    "07_generative/reconstruction_error#ad3fc08c": "ohne dtype=float bei X_hat: X ist float, die Differenz auch",
    "07_generative/reconstruction_error#d5204fbe": "(X_hat - X)**2 = (X - X_hat)**2",
    "07_generative/reconstruction_error#abedb9db": "X nicht umgewandelt: X - X_hat (X_hat ist ein float-Array) "
                                                   "wandelt eine Liste selbst um, len(X) gilt für beide",
    "07_generative/reconstruction_error#d0c88efe": "ohne dtype=float bei X: X_hat ist float, die Differenz auch",
    "07_generative/reconstruction_error#3775698f": "reshape(n, -2) statt reshape(n, -1): NumPy liest jede negative "
                                                   "Länge als die eine unbekannte Achse",
    "07_generative/binary_crossentropy#37ef71ad": "ohne dtype=float bei y_true: p ist float, jedes Produkt mit y auch",
    "07_generative/binary_crossentropy#c172b397": "ohne dtype=float bei y_pred: np.clip mit float-Grenzen liefert "
                                                  "auch für ganzzahlige Eingaben ein float-Array (NumPy 2)",
    "07_generative/binary_crossentropy#d074b7a6": "np.clip(eps, p, 1 - eps) = min(max(eps, p), 1 - eps) = "
                                                  "np.clip(p, eps, 1 - eps), elementweise mit Broadcasting",
    "07_generative/discriminator_loss#b644e71e": "np.clip(eps, d_real, 1 - eps) = np.clip(d_real, eps, 1 - eps) "
                                                 "(min(max(...)) mit vertauschten Rollen, gleiches Ergebnis)",
    "07_generative/discriminator_loss#8c9bde8f": "wie oben für d_fake",
    "07_generative/discriminator_loss#84180469": "ohne dtype=float bei d_real: np.clip mit float-Grenzen liefert "
                                                 "ein float-Array",
    "07_generative/discriminator_loss#fc9b6783": "wie oben für d_fake",
    "07_generative/generator_loss#2917be09": "np.clip(eps, d_fake, 1 - eps) = np.clip(d_fake, eps, 1 - eps)",
    "07_generative/generator_loss#f5023705": "ohne dtype=float: np.clip mit float-Grenzen liefert ein float-Array",
    # 08_training
    "08_training/sigmoid#95c8a3df": "ohne dtype=float: np.exp(-np.abs(x)) ist auch für ganze Zahlen float, das "
                                    "Ergebnis von np.where ebenso",
    "08_training/sigmoid#8607e8b6": "x > 0 statt x >= 0: bei x = 0 liefern beide Zweige 1/(1+1) = 1/(1+1) = 0,5",
    "08_training/iterations_per_epoch#e43d3ff0": "äußeres int(...) entfernt: -(-a // b) ist bei ganzen Zahlen schon int",
    "08_training/iterations_per_epoch#b93f06e6": "int(n_samples) entfernt: die Aufgabe übergibt ganze Zahlen",
    "08_training/l2_penalty#8732f00a": "ohne dtype=float: float(np.sum(...)) macht die Summe zur Kommazahl",
    "08_training/batchnorm_params#4de1e705": "int(...) um trainable entfernt: channels ist eine ganze Zahl",
    "08_training/batchnorm_params#fe3f0b51": "int(...) um non_trainable entfernt: wie oben",
    "08_training/batchnorm_forward#f8735f89": "ohne dtype=float bei x: mean und var liefern float, z ebenso",
    "08_training/batchnorm_forward#106f8892": "ohne dtype=float bei gamma: gamma * z ist float, weil z float ist",
    "08_training/batchnorm_forward#5eab8195": "ohne dtype=float bei beta: ... + beta bleibt float",
    "08_training/freeze_for_finetuning#5dbdc674": "max(0, n - k) = max(n - k, 0)",
    "08_training/freeze_for_finetuning#efa90eb0": "int(n_trainable_last) entfernt: die Aufgabe übergibt ganze Zahlen",
    "08_training/tanh#659f023a": "ohne dtype=float: np.tanh gibt auch für ganze Zahlen float zurück",
    "08_training/relu#1ac2d162": "np.maximum ist symmetrisch",
    "08_training/relu#5fed4083": "ohne dtype=float: np.maximum(0.0, ganzzahlig) ist float",
    "08_training/leaky_relu#dfd0bf0a": "ohne dtype=float: negative_slope * x ist float, np.where also auch; gleiche Werte",
    "08_training/leaky_relu#08be1d07": "x >= 0 statt x > 0: bei x = 0 ist x = negative_slope * x = 0",
    "08_training/iterations_per_epoch#b6a29b3f": "int(...) entfernt: ganzzahlige Division ganzer Zahlen ist schon int",
    "08_training/dropout_forward#e9422076": "ohne dtype=float bei x: beim Training float durch die Division, ohne Training dieselben Werte",
    "08_training/dropout_forward#909d733a": "ohne dtype=float bei mask: x ist float, das Produkt auch",
    "08_training/batchnorm_params#1b307630": "bool(center) statt int(bool(center)): True + 1 = 2, rechnet gleich",
    "08_training/batchnorm_params#5a734fc4": "int(non_trainable) entfernt: 2 * channels ist schon int",
    "08_training/freeze_for_finetuning#31fe5ed1": "max(..., -1) statt max(..., 0): index >= -1 und index >= 0 sind für jeden Index gleich",
    # 06_rnn_lstm
    "06_rnn_lstm/standardize_series#778e25f2": "ohne dtype=float: mean() und std() liefern float, die "
                                               "standardisierte Reihe ebenso",
    "06_rnn_lstm/naive_forecast#6c5668f7": "ohne dtype=float: eine ganzzahlige Reihe liefert dieselben Werte als "
                                           "ganze Zahlen (weiterhin ein Array)",
    "06_rnn_lstm/naive_forecast#0d7c101a": "ohne .copy(): eine Sicht auf dieselben Werte; die Aufgabe verlangt keine "
                                           "Kopie",
    "06_rnn_lstm/make_windows#904c73ec": "ohne dtype=float: Fenster und Ziele einer ganzzahligen Reihe sind "
                                         "ganze Zahlen mit denselben Werten",
    "06_rnn_lstm/make_windows#0c094d19": "Prüfung n < 1 gelöscht: np.stack einer leeren Liste wirft ebenfalls "
                                         "einen ValueError",
    "06_rnn_lstm/make_windows#a3d38709": "n < 0 statt n < 1: bei n = 0 wirft np.stack([]) einen ValueError",
    "06_rnn_lstm/make_windows#e08a8b1b": "raise gelöscht: wie oben, np.stack([]) wirft einen ValueError",
    "06_rnn_lstm/make_windows#59f0bbca": "Slice-Ende + 1: das Ende window + horizon - 1 + n ist genau len(series), "
                                         "ein größeres Ende wird abgeschnitten",
    "06_rnn_lstm/make_windows#5cce9c74": "window + horizon + 1 + n als Slice-Ende: wie oben, abgeschnitten",
    "06_rnn_lstm/make_windows#7b1c36cd": "window + horizon + n als Slice-Ende: wie oben",
    "06_rnn_lstm/make_windows#8340ed26": "window + horizon - 0 + n als Slice-Ende: wie oben",
    "06_rnn_lstm/rnn_cell_forward#46ff6921": "x_t nicht umgewandelt: x_t @ W wandelt eine Liste selbst um",
    "06_rnn_lstm/rnn_cell_forward#88ef2d59": "ohne dtype=float bei x_t: das Produkt mit float-Gewichten ist float",
    "06_rnn_lstm/rnn_cell_forward#5d177a9f": "h_prev nicht umgewandelt: h_prev @ Wh wandelt eine Liste selbst um",
    "06_rnn_lstm/rnn_cell_forward#d319ab2d": "ohne dtype=float bei h_prev: wie oben",
    "06_rnn_lstm/rnn_cell_forward#95e39a6f": "ohne dtype=float bei Wx: np.tanh liefert float, Produkte ganzer Zahlen "
                                             "sind exakt",
    "06_rnn_lstm/rnn_cell_forward#bee12264": "ohne dtype=float bei Wh: wie oben",
    "06_rnn_lstm/rnn_cell_forward#356bb4bf": "ohne dtype=float bei b: wie oben",
    "06_rnn_lstm/rnn_forward#cad0fcb1": "ohne dtype=float bei X: np.tanh liefert float",
    "06_rnn_lstm/rnn_forward#05897b86": "ohne dtype=float bei den Gewichten: wie oben",
    "06_rnn_lstm/rnn_forward#397e08c3": "Wh.shape[1] statt [0] für den Startzustand: Wh ist quadratisch (units x units)",
    "06_rnn_lstm/rnn_forward#6a83d38b": "Wh.shape[-1] statt [0]: Wh ist quadratisch",
    "06_rnn_lstm/lstm_cell_forward#899adfd3": "ohne dtype=float: die Gates gehen durch sigmoid/tanh und sind float",
    "06_rnn_lstm/lstm_cell_forward#2b281c42": "h_prev nicht umgewandelt: das Matrixprodukt wandelt eine Liste selbst um",
    "06_rnn_lstm/lstm_cell_forward#c11d51aa": "c_prev nicht umgewandelt: f * c_prev (f ist ein Array) wandelt selbst um",
    "06_rnn_lstm/lstm_cell_forward#6ab5f175": "ohne dtype=float bei c_prev: f * c_prev ist float",
    "06_rnn_lstm/lstm_cell_forward#8e5e6678": "ohne dtype=float: wie oben, die Gates sind float",
    "06_rnn_lstm/keras_lstm_step#0ce5ebd8": "ohne dtype=float: die Gates gehen durch sigmoid/tanh und sind float",
    "06_rnn_lstm/keras_lstm_step#305308a5": "ohne dtype=float bei x_t, h_prev, c_prev: die Gewichte sind float, also auch z, die Gates und f_t * c_prev",
    # 04_cnn
    "04_cnn/build_fashion_cnn#c81ff33b": "MaxPooling2D() statt MaxPooling2D(pool_size=2): 2 ist der Standardwert",
    "04_cnn/build_digits_cnn#bd9abec3": "MaxPooling2D() statt MaxPooling2D(pool_size=2): 2 ist der Standardwert",
    "04_cnn/build_digits_cnn#a841982c": "pool_size 3 statt 2: die Aufgabe lässt die Architektur frei (Eingabe, Softmax-Ausgabe, eine Conv2D, <= 100.000 Parameter), auch so erfüllt",
    "04_cnn/conv2d#6499fa91": "rechts pad_w statt pad_w - pad_w // 2 Null-Spalten: die zusätzlichen Spalten liegen hinter der letzten Filterposition (out_w steht vor dem Padding fest) und werden nie gelesen",
    "04_cnn/conv_output_shape#87a82769": "int(value[0]) entfernt: Kernel und Stride sind laut Aufgabe ganze Zahlen",
    "04_cnn/conv2d_params#7e90ac0f": "int(filters) entfernt: filters ist eine ganze Zahl",
    "04_cnn/build_digits_cnn#377c53ec": "kernel_size 2 statt 3: die Architektur ist frei, die drei bewerteten Eigenschaften gelten weiter",
    "04_cnn/build_digits_cnn#7f05e127": "tanh statt relu in der Conv2D: die Architektur ist frei, die drei bewerteten Eigenschaften gelten weiter",
    "04_cnn/conv2d#b7d76d65": "ohne dtype=float beim Bild: der Kernel ist float, jedes Produkt und die Ausgabe (np.zeros) auch",
    "04_cnn/conv2d#7d572192": "ohne dtype=float beim Kernel: das Bild ist float, jedes Produkt und die Ausgabe auch",
    "04_cnn/conv2d#a3ceaf8b": "int(stride) entfernt: stride ist laut Aufgabe eine ganze Zahl",
    '04_cnn/conv2d#a1030a1e': '.lower() entfernt: die Aufgabe nennt nur "valid" und "same" (klein geschrieben)',
    "04_cnn/conv2d#c7cc96df": "max(0, x) = max(x, 0)",
    "04_cnn/conv2d#6def1996": "max(0, x) = max(x, 0)",
    "04_cnn/conv2d#d9802145": "mindestens 1 statt 0 Null-Zeilen: 1 // 2 = 0 oben, die eine unten wird nie gelesen",
    "04_cnn/conv2d#f3f3338b": "wie oben für die Spalten",
    "04_cnn/conv2d#299241e6": "unten pad_h + pad_h // 2 statt pad_h - pad_h // 2: die zusätzlichen Null-Zeilen/-Spalten liegen hinter der letzten Filterposition (out_h/out_w stehen vor dem Padding fest) und werden nie gelesen",
    "04_cnn/conv2d#c58defd1": "unten pad_h statt pad_h - pad_h // 2: die zusätzlichen Null-Zeilen/-Spalten liegen hinter der letzten Filterposition (out_h/out_w stehen vor dem Padding fest) und werden nie gelesen",
    "04_cnn/conv2d#d36078d6": "unten pad_h - pad_h // 3 (>= pad_h - pad_h // 2): die zusätzlichen Null-Zeilen/-Spalten liegen hinter der letzten Filterposition (out_h/out_w stehen vor dem Padding fest) und werden nie gelesen",
    "04_cnn/conv2d#9cd4a13c": "rechts pad_w + pad_w // 2: die zusätzlichen Null-Zeilen/-Spalten liegen hinter der letzten Filterposition (out_h/out_w stehen vor dem Padding fest) und werden nie gelesen",
    "04_cnn/conv2d#dc7f3817": "rechts pad_w - pad_w // 3: die zusätzlichen Null-Zeilen/-Spalten liegen hinter der letzten Filterposition (out_h/out_w stehen vor dem Padding fest) und werden nie gelesen",
    "04_cnn/conv_output_shape#d585ebe6": "int(...) entfernt: Kernel und Stride sind laut Aufgabe ganze Zahlen",
    "04_cnn/conv_output_shape#3ccd47db": "int(...) entfernt: Kernel und Stride sind laut Aufgabe ganze Zahlen",
    "04_cnn/conv_output_shape#a0c394dc": "int(value[1]) entfernt: Kernel und Stride sind laut Aufgabe ganze Zahlen",
    "04_cnn/conv_output_shape#0327a88a": "int(H) entfernt: input_shape enthält ganze Zahlen",
    "04_cnn/conv_output_shape#31aaf309": "int(W) entfernt: input_shape enthält ganze Zahlen",
    '04_cnn/conv_output_shape#8ea9cd86': '.lower() entfernt: die Aufgabe nennt nur "valid" und "same" (klein geschrieben)',
    "04_cnn/conv_output_shape#1b6d522f": "int(filters) entfernt: filters ist eine ganze Zahl",
    "04_cnn/conv2d_params#4a279624": "int(kernel_size) entfernt: kernel_size ist eine ganze Zahl",
    "04_cnn/conv2d_params#677325a8": "int(kernel_size[0]) entfernt: ganze Zahlen laut Aufgabe",
    "04_cnn/conv2d_params#083a1bf3": "int(kernel_size[1]) entfernt: ganze Zahlen laut Aufgabe",
    "04_cnn/conv2d_params#745e826d": "int(in_channels) entfernt: in_channels ist eine ganze Zahl",
    "04_cnn/max_pool2d#1c1a80e5": "ohne dtype=float: die Maxima landen in out = np.empty(...) (float64), dieselben Werte",
    "04_cnn/max_pool2d#c5ee6b0d": "int(pool_size) entfernt: pool_size ist eine ganze Zahl",
    "04_cnn/max_pool2d#ba149ba1": "int(stride) entfernt: stride ist eine ganze Zahl",
    "04_cnn/max_pool2d#571672da": "out[:, :, -1] statt out[:, :, 0]: ein 2-D-Eingang hat genau einen Kanal",
    '04_cnn/build_lenet5#b3fea0ca': 'padding="valid" entfernt: "valid" ist der Standardwert',
    '04_cnn/build_lenet5#fd4433ac': 'padding="valid" entfernt: "valid" ist der Standardwert',
    '04_cnn/build_lenet5#5929dda8': 'padding="valid" entfernt: "valid" ist der Standardwert',
    "04_cnn/build_lenet5#c4d3636a": "strides=2 entfernt: der Standard-Stride ist pool_size = 2",
    "04_cnn/build_lenet5#26b8c4dc": "strides=2 entfernt: der Standard-Stride ist pool_size = 2",
    "04_cnn/build_fashion_cnn#239182ec": "MaxPooling2D() statt MaxPooling2D(pool_size=2): 2 ist der Standardwert",
    "04_cnn/build_fashion_cnn#fd659d7e": "MaxPooling2D() statt MaxPooling2D(pool_size=2): 2 ist der Standardwert",
    "04_cnn/avg_pool2d#0b460bab": "ohne dtype=float: mean() rechnet in float64, out ist float",
    "04_cnn/avg_pool2d#84a08f0e": "int(pool_size) entfernt: pool_size ist eine ganze Zahl",
    "04_cnn/avg_pool2d#516afad7": "int(stride) entfernt: stride ist eine ganze Zahl",
    "04_cnn/avg_pool2d#29c16bb2": "max(0, x) = max(x, 0)",
    "04_cnn/avg_pool2d#8abc2ef3": "max(0, x) = max(x, 0)",
    "04_cnn/avg_pool2d#f692cc8b": "max(0, r0) = max(r0, 0)",
    "04_cnn/avg_pool2d#7c652018": "max(0, c0) = max(c0, 0)",
    "04_cnn/avg_pool2d#431d7916": "min(H, r0 + p) = min(r0 + p, H)",
    "04_cnn/avg_pool2d#b36c290f": "min(W, c0 + p) = min(c0 + p, W)",
    "04_cnn/avg_pool2d#e5b4b2f4": "max(x, 1) // 2 = max(x, 0) // 2 für ganze x (1 // 2 = 0)",
    "04_cnn/avg_pool2d#e49fd83c": "wie oben für left",
    "04_cnn/avg_pool2d#d1f79b56": "out[:, :, -1] statt out[:, :, 0]: ein 2-D-Eingang hat genau einen Kanal",
    "04_cnn/build_digits_cnn#6bb2f5b1": "ohne MaxPooling2D: die Architektur ist frei (Eingabe, Softmax-Ausgabe, eine Conv2D, <= 100.000 Parameter), auch so erfüllt",
    "04_cnn/build_digits_cnn#5b66fc2a": "padding valid statt same: die Architektur ist frei (Eingabe, Softmax-Ausgabe, eine Conv2D, <= 100.000 Parameter), auch so erfüllt",
    "04_cnn/build_digits_cnn#5a57000c": "Conv2D ohne Aktivierung: die Architektur ist frei (Eingabe, Softmax-Ausgabe, eine Conv2D, <= 100.000 Parameter), auch so erfüllt",
    "04_cnn/build_digits_cnn#b05afc0b": "33 statt 32 Filter: die Architektur ist frei (Eingabe, Softmax-Ausgabe, eine Conv2D, <= 100.000 Parameter), auch so erfüllt",
    "04_cnn/build_digits_cnn#c3b8681d": "31 statt 32 Filter: die Architektur ist frei (Eingabe, Softmax-Ausgabe, eine Conv2D, <= 100.000 Parameter), auch so erfüllt",
    "04_cnn/build_digits_cnn#7782d892": "kernel_size 4 statt 3: die Architektur ist frei (Eingabe, Softmax-Ausgabe, eine Conv2D, <= 100.000 Parameter), auch so erfüllt",
    "04_cnn/build_digits_cnn#2ef2304b": "padding valid statt same: die Architektur ist frei (Eingabe, Softmax-Ausgabe, eine Conv2D, <= 100.000 Parameter), auch so erfüllt",
    "04_cnn/build_digits_cnn#1249f2fa": "pool_size 1 statt 2: die Architektur ist frei (Eingabe, Softmax-Ausgabe, eine Conv2D, <= 100.000 Parameter), auch so erfüllt",
    "06_rnn_lstm/lstm_cell_forward#1015db62": "ohne dtype=float bei h_prev: concatenate mit dem float-x_t ist float",
    "06_rnn_lstm/lstm_params#4144baab": "int(per_gate) entfernt: units und input_dim sind ganze Zahlen",
    # training cells (sample of 10 per cell, --training 10)
    "02_regression/fit_diabetes#64ac76e1": "y_train nicht umgewandelt: mean() und std() eines int-Arrays sind float, die Standardisierung gleich",
    "02_regression/fit_diabetes#92af615c": "x_std == 1 statt == 0 als Sonderfall: der Ersatz durch 1.0 ändert bei std == 1 nichts; eine konstante Spalte (std 0) hat kein Fall (Teilen durch 0 gäbe NaN, der Diabetes-Datensatz hat keine)",
    "02_regression/fit_diabetes#4d16a038": "compile gelöscht: build_regressor liefert das Modell schon kompiliert; bewertet wird laut Aufgabe nur der Test-MAE (das Rezept mit Adam(0.01) und etwa 15 Epochen ist ein Vorschlag), und der bleibt unter 50",
    "02_regression/fit_diabetes#bb43f0bc": "compile ohne optimizer (rmsprop): bewertet wird laut Aufgabe nur der Test-MAE (das Rezept mit Adam(0.01) und etwa 15 Epochen ist ein Vorschlag), und der bleibt unter 50",
    "02_regression/fit_diabetes#29d44c40": "eine statt 15 Epochen: bewertet wird laut Aufgabe nur der Test-MAE (das Rezept mit Adam(0.01) und etwa 15 Epochen ist ein Vorschlag), und der bleibt unter 50",
    "02_regression/fit_diabetes#2abb1a2a": "14 statt 15 Epochen: bewertet wird laut Aufgabe nur der Test-MAE (das Rezept mit Adam(0.01) und etwa 15 Epochen ist ein Vorschlag), und der bleibt unter 50",
    "03_classification/train_and_predict#41e07fee": "astype(int) entfernt: die Labels sind schon ganze Zahlen",
    "03_classification/train_and_predict#95e919fc": "2.0 statt 1.0 als Ersatz-Standardabweichung: konstante Spalten werden ohnehin 0",
    "04_cnn/train_digits_cnn#213617f6": "astype(int) entfernt: die Labels sind schon ganze Zahlen",
    "04_cnn/train_digits_cnn#2d0ffd9c": "7 statt 6 Epochen: die Aufgabe gibt die Epochen frei, bewertet werden Genauigkeit, ganze Zahlen und Reproduzierbarkeit",
    "04_cnn/train_digits_cnn#f475a059": "model(X_test) ohne training=False: das Netz hat weder Dropout noch BatchNormalization, beide Modi rechnen gleich",
    "06_rnn_lstm/lstm_forecast#9286752e": "15 statt 16 LSTM-Einheiten: die Aufgabe gibt die Größe frei, bewertet wird der Fehler gegenüber der naiven Vorhersage",
    "06_rnn_lstm/lstm_forecast#f3a43deb": "astype(float32) entfernt: Keras wandelt float64-Eingaben selbst in float32 um",
    "06_rnn_lstm/lstm_forecast#1e3a3e56": "training=True bei der Vorhersage: das Netz hat weder Dropout noch BatchNormalization, beide Modi rechnen gleich",
    "07_generative/detect_anomalies#df201e45": "X_train nicht umgewandelt: Keras wandelt float64 selbst um, reconstruction_error rechnet in float64 (Schwelle als Quantil gleich bis auf Rundung)",
    "07_generative/detect_anomalies#fc8d2f46": "ohne dtype=float32 bei X_train: wie oben",
    "07_generative/detect_anomalies#bd4f320e": "batch_size 65 statt 64: die Aufgabe gibt das Training frei, bewertet wird der Anteil richtig erkannter Anomalien",
    "07_generative/detect_anomalies#4101bd1a": "verbose=1 statt 0: nur Ausgabe",
    "07_generative/detect_anomalies#ac610c04": "verbose=-1 statt 0: nur Ausgabe",
    "07_generative/detect_anomalies#7e052d0f": "reconstruction_error(pred, X) statt (X, pred): der mittlere quadratische Fehler ist symmetrisch",
    "07_generative/detect_anomalies#c924faa1": "verbose=-1 bei predict: nur Ausgabe",
}
