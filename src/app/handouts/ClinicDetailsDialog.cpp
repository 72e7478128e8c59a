#include "handouts/ClinicDetailsDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace rehabit {

ClinicDetailsDialog::ClinicDetailsDialog(const print::ClinicDetails &details, QWidget *parent)
    : QDialog(parent)
    , m_clinic(new QLineEdit(details.clinicName))
    , m_logo(new QLineEdit(details.logoFile))
    , m_therapist(new QLineEdit(details.therapist))
    , m_paper(new QComboBox)
    , m_logoPreview(new QLabel)
    , m_problem(new QLabel)
{
    setWindowTitle(tr("Clinic details for handouts"));
    m_clinic->setMaxLength(120);
    m_therapist->setMaxLength(120);
    m_clinic->setPlaceholderText(tr("e.g. Riverside Physiotherapy"));
    m_therapist->setPlaceholderText(tr("printed in the header; may stay empty"));
    m_paper->addItem(tr("A4 (210 \u00d7 297 mm)"), QVariant::fromValue(int(print::Paper::A4)));
    m_paper->addItem(tr("US Letter (8.5 \u00d7 11 in)"), QVariant::fromValue(int(print::Paper::Letter)));
    m_paper->setCurrentIndex(details.paper == print::Paper::Letter ? 1 : 0);
    m_logoPreview->setMinimumHeight(48);
    m_problem->setWordWrap(true);

    auto *choose = new QPushButton(tr("C&hoose\u2026"));
    auto *clear = new QPushButton(tr("C&lear"));
    connect(choose, &QPushButton::clicked, this, &ClinicDetailsDialog::chooseLogo);
    connect(clear, &QPushButton::clicked, m_logo, &QLineEdit::clear);
    connect(m_logo, &QLineEdit::textChanged, this, &ClinicDetailsDialog::showLogo);
    auto *logoRow = new QHBoxLayout;
    logoRow->addWidget(m_logo, 1);
    logoRow->addWidget(choose);
    logoRow->addWidget(clear);

    auto *form = new QFormLayout;
    form->addRow(tr("&Clinic name:"), m_clinic);
    form->addRow(tr("L&ogo file:"), logoRow);
    form->addRow(QString(), m_logoPreview);
    form->addRow(tr("&Therapist:"), m_therapist);
    form->addRow(tr("&Paper:"), m_paper);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Printed at the top of every patient handout.")));
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    showLogo();
    resize(520, sizeHint().height());
}

print::ClinicDetails ClinicDetailsDialog::details() const
{
    return {m_clinic->text().trimmed(), m_logo->text().trimmed(), m_therapist->text().trimmed(),
            static_cast<print::Paper>(m_paper->currentData().toInt())};
}

QString ClinicDetailsDialog::problem() const
{
    const QString logo = m_logo->text().trimmed();
    if (logo.isEmpty())
        return {};
    const QFileInfo info(logo);
    if (!info.isFile())
        return tr("The logo file \u201c%1\u201d does not exist.").arg(logo);
    if (info.suffix().compare(QLatin1String("svg"), Qt::CaseInsensitive) != 0 && QImageReader(logo).size().isEmpty())
        return tr("The logo file \u201c%1\u201d is not a picture Rehabit can read (PNG, JPEG or SVG).").arg(logo);
    return {};
}

void ClinicDetailsDialog::accept()
{
    const QString p = problem();
    m_problem->setText(p);
    if (p.isEmpty())
        QDialog::accept();
    else
        m_logo->setFocus();
}

void ClinicDetailsDialog::chooseLogo()
{
    const QString start = m_logo->text().isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)
                                                   : QFileInfo(m_logo->text()).absolutePath();
    const QString file =
        QFileDialog::getOpenFileName(this, tr("Clinic logo"), start, tr("Pictures (*.png *.jpg *.jpeg *.svg)"));
    if (!file.isEmpty())
        m_logo->setText(file);
}

void ClinicDetailsDialog::showLogo()
{
    const QString logo = m_logo->text().trimmed();
    m_logoPreview->setPixmap(logo.isEmpty() || !problem().isEmpty() ? QPixmap() : QIcon(logo).pixmap(QSize(160, 48)));
    m_problem->setText(problem());
}

} // namespace rehabit
