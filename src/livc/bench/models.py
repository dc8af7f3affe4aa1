from django.db import models


class BenchDataset(models.Model):
    """Marks a synthetic dataset as complete, so `bench` can reuse it."""

    cases = models.PositiveIntegerField(unique=True)
    built_at = models.DateTimeField(auto_now_add=True)
    seconds = models.FloatField()
