"""Demo open data (issue #22 item 4): a department's dataset and the catalogues' review
dates, one of them due (the dashboard reminder shows)."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from opendata.models import OpenDataCatalogue, OpenDataset, OpenDatasetTable
from opendata.rules import UpdateFrequency
from tenants.models import Unit

MONTHLY_RECORDS = "Tháng,Phiếu lý lịch tư pháp,Chứng thực bản sao,Đăng ký hộ tịch có yếu tố nước ngoài\n" + "".join(
    f"{month:02d}/2026,{1180 + month * 37},{2650 + month * 51},{40 + month * 3}\n" for month in range(1, 11))


def opendata_demo_seed(*, today: datetime.date | None = None) -> int:
    """Idempotent: returns the number of datasets created."""
    today = today or timezone.localdate()
    units = {unit.slug: unit for unit in Unit.objects.filter(slug__in=["bacninh", "sotuphap"])}
    if "bacninh" in units:
        OpenDataCatalogue.objects.update_or_create(unit=units["bacninh"], defaults={
            "last_reviewed_on": today - datetime.timedelta(days=200),
            "description": "Dữ liệu mở của Cổng Thông tin điện tử tỉnh Bắc Ninh và các cổng thành phần."})
    if "sotuphap" not in units or OpenDataset.objects.filter(unit=units["sotuphap"]).exists():
        return 0
    unit = units["sotuphap"]
    OpenDataCatalogue.objects.update_or_create(unit=unit, defaults={"last_reviewed_on": today - datetime.timedelta(
        days=30)})
    document = get_document_model()(title="Hồ sơ tư pháp theo tháng năm 2026", collection=unit.collection)
    document.file.save("ho-so-tu-phap-2026.csv", ContentFile(MONTHLY_RECORDS.encode("utf-8")), save=False)
    document.save()
    dataset = OpenDataset.objects.create(
        unit=unit, title="Hồ sơ hành chính tư pháp tiếp nhận theo tháng",
        description="Số phiếu lý lịch tư pháp, chứng thực bản sao và đăng ký hộ tịch có yếu tố nước ngoài Sở Tư "
                    "pháp tiếp nhận mỗi tháng năm 2026.",
        keywords="tư pháp, lý lịch tư pháp, chứng thực, hộ tịch", frequency=UpdateFrequency.MONTHLY,
        issued=datetime.date(2026, 2, 5), modified=today)
    OpenDatasetTable.objects.create(dataset=dataset, document=document, title="Hồ sơ tiếp nhận theo tháng")
    return 1
