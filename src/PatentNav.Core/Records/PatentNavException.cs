namespace PatentNav.Records;

/// <summary>The base of every exception PatentNav throws on purpose: a caller's mistake (<see cref="InvalidRequestException"/>,
/// an import file that cannot be read) or a state of the workspace that refuses the call for now.</summary>
public class PatentNavException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PatentNavException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public PatentNavException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Whether the same call may succeed later without a change (the analytical store is being rebuilt, for one).</summary>
    public virtual bool IsTransient => false;
}

/// <summary>A request the engine refuses: a value out of its range, above a size limit or an invalid document;
/// <see cref="Parameter"/> names the parameter when there is one.</summary>
public class InvalidRequestException : PatentNavException
{
    /// <summary>Creates the exception.</summary>
    public InvalidRequestException(string message, string? parameter = null)
        : base(message)
    {
        Parameter = parameter;
    }

    /// <summary>The request parameter at fault (<c>q</c>, <c>size</c>, <c>ipc</c>, <c>cursor</c> …).</summary>
    public string? Parameter { get; }
}

/// <summary>A query string (<c>q</c>) the engine cannot parse; <see cref="Position"/> says where.</summary>
public sealed class QuerySyntaxException : InvalidRequestException
{
    /// <summary>Creates the exception.</summary>
    public QuerySyntaxException(string message, int? position = null, string? parameter = null)
        : base(message, parameter)
    {
        Position = position;
    }

    /// <summary>The 1-based character position in the query string, when known.</summary>
    public int? Position { get; }
}
