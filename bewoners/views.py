from django.http import HttpResponse


def start(request, *args, **kwargs):
    return HttpResponse("todo")


onboarding = profiel_edit = profiel_detail = privacy = export_download = consent = start
delete_account = start
