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
}
