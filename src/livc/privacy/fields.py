"""A text field stored encrypted (Fernet) and decrypted transparently on load."""

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    """Ciphertext at rest; plain `str` in Python. Not searchable: use a blind index."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value))
