from django.http import HttpResponse


def inbox(request):
    return HttpResponse("todo")


mark_read = mark_all_read = open_melding = preferences = inbox
