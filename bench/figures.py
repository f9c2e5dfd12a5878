"""How every benchmark prints: one ``name value unit`` line a figure, and the 95th percentile."""

import statistics


def figure(name: str, value, unit: str, out=None) -> None:
    text = f"{value:.3f}" if isinstance(value, float) else str(value)
    if out is None:
        print(f"{name} {text} {unit}", flush=True)
    else:
        out(f"{name} {text} {unit}")


def p95(values) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]
