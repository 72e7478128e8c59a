#pragma once
// Clinic details for the handouts: clinic name, logo file, therapist, paper.

#include "print/Handout.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

namespace rehabit {

class ClinicDetailsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ClinicDetailsDialog(const print::ClinicDetails &details, QWidget *parent = nullptr);

    print::ClinicDetails details() const;
    /// An empty string when the details can be saved, else what is wrong.
    QString problem() const;

    void accept() override;

private:
    void chooseLogo();
    void showLogo();

    QLineEdit *m_clinic = nullptr;
    QLineEdit *m_logo = nullptr;
    QLineEdit *m_therapist = nullptr;
    QComboBox *m_paper = nullptr;
    QLabel *m_logoPreview = nullptr;
    QLabel *m_problem = nullptr;
};

} // namespace rehabit
