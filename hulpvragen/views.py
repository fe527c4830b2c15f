"""Placeholder views; replaced by the pages work."""

from django.http import Http404


def hulpvraag_list(request, pk=None):
    raise Http404


def hulpvraag_create(request, pk=None):
    raise Http404


def hulpvraag_detail(request, pk=None):
    raise Http404


def hulpvraag_edit(request, pk=None):
    raise Http404


def hulpvraag_withdraw(request, pk=None):
    raise Http404


def aanbod_list(request, pk=None):
    raise Http404


def aanbod_create(request, pk=None):
    raise Http404


def aanbod_detail(request, pk=None):
    raise Http404


def aanbod_edit(request, pk=None):
    raise Http404


def aanbod_pause(request, pk=None):
    raise Http404


def mijn_hulpvragen(request, pk=None):
    raise Http404


def mijn_aanbod(request, pk=None):
    raise Http404


def mijn_matches(request, pk=None):
    raise Http404


def match_detail(request, pk=None):
    raise Http404


def match_accept(request, pk=None):
    raise Http404


def match_decline(request, pk=None):
    raise Http404


def match_complete(request, pk=None):
    raise Http404


def match_cancel(request, pk=None):
    raise Http404
