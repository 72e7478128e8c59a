// WrappingLabel remembers its heights, and forgets them when what it shows changes.

#include "RehabitCatch.h"

#include "athlete/WrappingLabel.h"

using namespace rehabit;

TEST_CASE("a wrapping label answers as QLabel does, after its text or font changes too", "[app][startup]")
{
    WrappingLabel label;
    QLabel plain;
    plain.setWordWrap(true);
    const QString shortText = QStringLiteral("Hold 30 seconds.");
    const QString longText = QStringLiteral("Half-kneeling hip flexor stretch, three holds of thirty seconds on "
                                            "each side, then the pelvic tilt and the glute squeeze, twice.");
    for (QLabel *l : {static_cast<QLabel *>(&label), &plain})
        l->setText(shortText);
    const int oneLine = label.heightForWidth(150);
    CHECK(oneLine == plain.heightForWidth(150));
    CHECK(label.heightForWidth(150) == oneLine); // remembered

    for (QLabel *l : {static_cast<QLabel *>(&label), &plain})
        l->setText(longText);
    CHECK(label.heightForWidth(150) > oneLine);
    CHECK(label.heightForWidth(150) == plain.heightForWidth(150));
    CHECK(label.heightForWidth(600) == plain.heightForWidth(600));

    QFont big = label.font();
    big.setPointSizeF(big.pointSizeF() * 2);
    for (QLabel *l : {static_cast<QLabel *>(&label), &plain})
        l->setFont(big);
    CHECK(label.heightForWidth(150) == plain.heightForWidth(150));
    CHECK(label.heightForWidth(600) == plain.heightForWidth(600));
}
