from django.db import models


class BenchDataset(models.Model):
    """Marks a synthetic dataset as complete, so `bench` can reuse it."""

    cases = models.PositiveIntegerField()
    version = models.PositiveIntegerField(default=1)
    built_at = models.DateTimeField(auto_now_add=True)
    seconds = models.FloatField()
