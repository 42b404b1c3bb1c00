using System.Diagnostics.CodeAnalysis;

namespace PatentNav.Records;

/// <summary>
/// The outcome of parsing untrusted text into a value: either the value, or the reason it could not be parsed.
/// </summary>
/// <typeparam name="T">The parsed value type.</typeparam>
public readonly record struct ParseResult<T>
{
    private readonly T? _value;

    private ParseResult(bool success, T? value, string? error)
    {
        Success = success;
        _value = value;
        Error = error;
    }

    /// <summary>Whether parsing succeeded.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success { get; }

    /// <summary>Why parsing failed, in a sentence that names what was expected; <c>null</c> on success.</summary>
    public string? Error { get; }

    /// <summary>The parsed value. Throws when parsing failed.</summary>
    /// <exception cref="FormatException">Parsing failed; the message is <see cref="Error"/>.</exception>
    public T Value => Success ? _value! : throw new FormatException(Error);

    /// <summary>A successful result.</summary>
    public static ParseResult<T> Ok(T value) => new(true, value, null);

    /// <summary>A failed result with its reason.</summary>
    public static ParseResult<T> Fail(string error) => new(false, default, error);

    /// <summary>Returns the value if parsing succeeded.</summary>
    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return Success;
    }
}
