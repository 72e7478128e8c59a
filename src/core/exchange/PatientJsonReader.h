#pragma once
// The reader of the patient JSON format (docs/exports.md): every key checked,
// the first fault reported with its JSON path. Private to the exchange part;
// PatientJson::parse runs the syntax check first and then this.

#include "rehabit/domain/PatientRecord.h"
#include "rehabit/domain/Result.h"

#include <QJsonObject>
#include <QString>

namespace rehabit::exchange {

/// The "format" value of a patient file.
inline const QString PatientFormatName = QStringLiteral("rehabit-patient");

/// The record a patient document holds, or the first fault with its path.
Result<PatientRecord> readPatientRecord(const QJsonObject &root);

} // namespace rehabit::exchange
