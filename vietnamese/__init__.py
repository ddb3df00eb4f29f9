"""Vietnamese text handling (Điều 4 of the decision, TCVN 6909:2011).

* :mod:`vietnamese.text` -- NFC, legacy TCVN3/VNI detection and conversion;
* :mod:`vietnamese.middleware` -- ``VietnameseTextMiddleware`` for submitted data;
* :mod:`vietnamese.validators` -- ``validate_vietnamese_text`` for forms/serializers;
* :mod:`vietnamese.signals` -- ``pre_save`` NFC guarantee for every model
  (connected by ``VietnameseConfig.ready``; add "vietnamese" to INSTALLED_APPS).
"""
