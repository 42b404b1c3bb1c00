using System.Data.Common;

namespace PatentNav.Internal;

/// <summary>Statements without results on a DuckDB connection (the analytical store, the report's Parquet tables).</summary>
internal static class DuckDbSql
{
    public static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
