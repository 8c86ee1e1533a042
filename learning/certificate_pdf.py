"""The printable PDF of a certificate, drawn with ReportLab (pure Python, no system packages)."""

import io
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

# DejaVu covers far more scripts than the built-in Helvetica (Latin-1 only); use it when the
# system has it (Debian: fonts-dejavu-core), else fall back so the PDF always renders.
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
INK = HexColor("#1d2b4f")
ACCENT = HexColor("#2f6fdf")


def _fonts():
    regular, bold = _DEJAVU / "DejaVuSans.ttf", _DEJAVU / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
        return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def render_certificate_pdf(certificate, verify_url):
    """Return the PDF bytes for ``certificate``; ``verify_url`` is printed for checking it."""
    regular, bold = _fonts()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=0)
    pdf.setTitle(f"Certificate: {certificate.course_title}")
    pdf.setAuthor("Elevate Learning")

    pdf.setStrokeColor(ACCENT)
    pdf.setLineWidth(6)
    pdf.rect(28, 28, width - 56, height - 56)

    pdf.setFillColor(INK)
    pdf.setFont(bold, 34)
    pdf.drawCentredString(width / 2, height - 130, "Certificate of Completion")
    pdf.setFont(regular, 16)
    pdf.drawCentredString(width / 2, height - 185, "This certifies that")
    pdf.setFont(bold, 30)
    pdf.drawCentredString(width / 2, height - 235, certificate.learner_name)
    pdf.setFont(regular, 16)
    pdf.drawCentredString(width / 2, height - 280, "has completed the course")
    pdf.setFont(bold, 24)
    pdf.drawCentredString(width / 2, height - 325, certificate.course_title)
    pdf.setFont(regular, 14)
    pdf.drawCentredString(
        width / 2, height - 370, f"Issued on {certificate.issued_at:%d %B %Y} by Elevate Learning"
    )
    pdf.setFont(regular, 10)
    pdf.drawCentredString(width / 2, 80, f"Certificate code: {certificate.code}")
    pdf.drawCentredString(width / 2, 62, f"Verify at {verify_url}")
    if not certificate.is_valid:
        pdf.setFillColor(HexColor("#b3261e"))
        pdf.setFont(bold, 20)
        pdf.drawCentredString(width / 2, 110, "REVOKED")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
