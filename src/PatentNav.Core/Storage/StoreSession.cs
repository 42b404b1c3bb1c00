using System.Data.Common;
using System.Diagnostics;
using DuckDB.NET.Data;
using PatentNav.Analytics;

namespace PatentNav.Storage;

/// <summary>
/// One analysis over the store: a connection with the request's filter (and the <c>matched</c> table of publication
/// numbers when the filter needs the search index), running statements and keeping each with its parameters
/// (<see cref="Statements"/>) for the response.
/// </summary>
internal sealed class StoreSession : IDisposable
{
    /// <summary>Traces each statement as an activity named by its purpose (source <c>PatentNav.Analytics</c>), for
    /// OpenTelemetry or the benchmark's per-statement timings.</summary>
    internal static readonly ActivitySource Activities = new("PatentNav.Analytics");

    private readonly DuckDBConnection _connection;
    private readonly List<SqlStatement> _statements = [];
    private readonly string? _matched;

    /// <summary>Opens a session on <paramref name="store"/>; <paramref name="matched"/> are the publication numbers the
    /// search index matched for the filter's text part (required when <see cref="StoreFilter.TextFilter"/> is set).</summary>
    public StoreSession(AnalyticsStore store, StoreFilter filter, IReadOnlyCollection<string>? matched)
    {
        ArgumentNullException.ThrowIfNull(store);
        Filter = filter ?? throw new ArgumentNullException(nameof(filter));
        _connection = store.Connect();
        try
        {
            if (filter.TextFilter is not null)
            {
                ArgumentNullException.ThrowIfNull(matched);
                Internal.DuckDbSql.Execute(_connection, "CREATE TEMP TABLE matched(pn VARCHAR)");
                using (var appender = _connection.CreateAppender("matched"))
                {
                    foreach (var pn in matched)
                    {
                        appender.CreateRow().AppendValue(pn).EndRow();
                    }
                }

                _matched = filter.MatchedDescription(matched.Count);
            }
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>The request's filter.</summary>
    public StoreFilter Filter { get; }

    /// <summary>The statements run so far, in order.</summary>
    public IReadOnlyList<SqlStatement> Statements => _statements;

    /// <summary>Runs <paramref name="sql"/> with the filter's parameters and <paramref name="parameters"/>, reads it with
    /// <paramref name="read"/>, and records it under <paramref name="purpose"/>.</summary>
    public T Run<T>(string purpose, string sql, IReadOnlyDictionary<string, object?>? parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var all = new Dictionary<string, object?>(Filter.Parameters, StringComparer.Ordinal);
        foreach (var (k, v) in parameters ?? new Dictionary<string, object?>())
        {
            all[k] = v;
        }

        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in all)
        {
            if (sql.Contains("$" + name, StringComparison.Ordinal))
            {
                command.Parameters.Add(new DuckDBParameter(name, value));
            }
        }

        T result;
        using (var activity = Activities.StartActivity(purpose))
        using (cancellationToken.Register(command.Cancel))
        {
            if (activity is not null)
            {
                activity.SetTag("db.system.name", "duckdb");
                activity.SetTag("db.query.text", sql);
                foreach (var parameter in command.Parameters.Cast<DuckDBParameter>())
                {
                    activity.SetTag("db.query.parameter." + parameter.ParameterName, parameter.Value);
                }
            }

            try
            {
                using var reader = command.ExecuteReader();
                result = read(reader);
            }
            catch (DuckDBException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }

        var used = all.Where(p => sql.Contains("$" + p.Key, StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        _statements.Add(new SqlStatement(purpose, sql, used, sql.Contains("matched", StringComparison.Ordinal) ? _matched : null));
        return result;
    }

    /// <summary>Runs a statement that returns no rows (as <see cref="Run{T}"/>, recorded likewise).</summary>
    public void Execute(string purpose, string sql, IReadOnlyDictionary<string, object?>? parameters, CancellationToken cancellationToken) =>
        Run(purpose, sql, parameters, _ => 0, cancellationToken);

    /// <summary>Creates (or replaces) a temporary table <paramref name="table"/>(pn VARCHAR, value) holding
    /// <paramref name="rows"/>: reference lists a statement joins (pledge amounts, awards).</summary>
    public void LoadReference<T>(string table, string valueType, IEnumerable<KeyValuePair<string, T>> rows, Action<IDuckDBAppenderRow, T> append)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(append);
        Internal.DuckDbSql.Execute(_connection, $"CREATE OR REPLACE TEMP TABLE {table}(pn VARCHAR PRIMARY KEY, value {valueType})");
        using var appender = _connection.CreateAppender(table);
        foreach (var (pn, value) in rows)
        {
            var row = appender.CreateRow().AppendValue(pn);
            append(row, value);
            row.EndRow();
        }
    }

    /// <summary>Runs a statement without recording it (plumbing such as <c>COPY</c> of a temporary table).</summary>
    public void ExecuteUnrecorded(string sql) => Internal.DuckDbSql.Execute(_connection, sql);

    public void Dispose() => _connection.Dispose();
}
