#pragma once
// Result<T>: the core library's one error style. A value, or an Error whose
// message a user can act on ("what is wrong and where"). Exceptions never
// leave the core.

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace rehabit {

struct Error {
    QString message;  ///< shown to a person: what is wrong, where, what to do
    QString location; ///< "line:column", a JSON path, a file name; may be empty

    /// message with its location in front, as printed by the CLI and the app
    QString text() const { return location.isEmpty() ? message : location + QStringLiteral(": ") + message; }
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {}
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace rehabit
