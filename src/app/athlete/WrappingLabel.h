#pragma once
// A word-wrapped label that remembers its height for each width it was asked
// about, until its text, font or style changes. While a window is first shown,
// its layouts ask each label for its height at the same few widths many times
// (Today's labels about twenty times each, at five widths), and QLabel lays
// its text out again for every answer (start-up, docs/benchmarks.md).
// Set word wrap, text format, margins and indent before the first question.

#include <QHash>
#include <QLabel>

namespace rehabit {

class WrappingLabel : public QLabel {
public:
    explicit WrappingLabel(QWidget *parent = nullptr);

    int heightForWidth(int width) const override;

protected:
    void changeEvent(QEvent *event) override;

private:
    mutable QString m_measured; ///< the text the heights are for
    mutable QHash<int, int> m_heights;
};

} // namespace rehabit
