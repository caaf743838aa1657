class VietnameseByDefaultMiddleware:
    """The portal speaks Vietnamese unless the user chose English with the language switch.

    Django's LocaleMiddleware would otherwise follow the browser's Accept-Language, and many offices run
    English-language Windows and browsers. The choice made with the switch (the language cookie) still
    wins. Placed before LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
