from django import forms

from livc.core.widgets import QuickSelect


class Choice(forms.Form):
    cell = forms.IntegerField(
        required=False, widget=QuickSelect(choices=[("", "All cells"), (3, "Mechelen & <Co>")])
    )


def test_quick_select_renders_like_a_select():
    html = Choice({"cell": "3"})["cell"].as_widget(attrs={"class": "form-select"})
    assert html.startswith('<select class="form-select" id="id_cell" name="cell">')
    assert '<option value="">All cells</option>' in html
    assert '<option value="3" selected>Mechelen &amp; &lt;Co&gt;</option>' in html


def test_nothing_chosen_selects_the_empty_choice_as_django_does():
    html = Choice()["cell"].as_widget()
    assert html.count(" selected") == 1 and '<option value="" selected>' in html
