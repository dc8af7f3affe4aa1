from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "livc.bench"
    label = "bench"
    verbose_name = "Benchmark"
