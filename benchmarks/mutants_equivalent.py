"""Mutants of the reference solutions that compute the same as the reference on every input the
task allows (decided by reading them; see benchmarks/mutants.py). Keyed by the mutant's id, which
is a hash of the mutated cell: an edited reference gives new ids, and stale entries are ignored."""

EQUIVALENT = {
    # 00_python
    "00_python/sentiment_score#939e099a": "for w in positive statt set(positive): die Wortlisten der Aufgabe "
                                          "enthalten jedes Wort einmal; ob ein doppelt gelistetes Wort doppelt "
                                          "zählt, sagt die Aufgabe nicht, also prüft es kein Test",
    "00_python/sentiment_score#b6d1ef78": "wie oben für die negative Liste",
    "00_python/z_score#4735705f": "ohne dtype=float: std() und mean() rechnen ohnehin in float64; nur die "
                                  "Nullen bei konstanter Eingabe sind dann ganze Zahlen, numerisch gleich",
    # 01_tensors
    "01_tensors/tensor_rank#416211f5": "ohne int(...): np.ndim gibt für Zahlen, Listen, Arrays und Tensoren "
                                       "schon ein Python-int zurück",
    "01_tensors/flatten_batch#f02d233a": "reshape(N, -2) statt reshape(N, -1): NumPy liest jede negative Länge "
                                         "als die eine unbekannte Achse",
    "01_tensors/make_batches#5a1afa8b": "ohne np.asarray: bei Listen-Eingabe Listen statt Arrays mit denselben "
                                        "Werten; der Vergleich des Graders wertet Folgen und Arrays gleich",
    "01_tensors/standardize_columns#7ba6767c": "2.0 statt 1.0 als Ersatz-Standardabweichung: bei std == 0 ist "
                                               "jede Abweichung X - mean genau 0, 0/2 = 0/1",
    "01_tensors/dense_forward#da9b198c": "raise bei unbekannter Aktivierung gelöscht: die Aufgabe erlaubt nur "
                                         "None, linear, relu, sigmoid, tanh und verlangt keinen Fehler",
}
