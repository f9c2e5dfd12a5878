from django.utils.functional import SimpleLazyObject


def agency(request):
    from .models import Agency

    return {"agency": SimpleLazyObject(Agency.load)}
