from django.urls import path

app_name = "buurtassistenten"

urlpatterns = [
    # --- dashboard and queues (views_dashboard.py) ---------------------------------------
    # --- a resident's coordination page, contact log, referrals, partners (views_bewoner.py)
    # --- intake, on someone's behalf, matching by hand (views_intake.py) -----------------
]
