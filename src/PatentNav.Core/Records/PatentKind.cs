using System.Text.Json.Serialization;

namespace PatentNav.Records;

/// <summary>The kind of a patent document (专利类型).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PatentKind>))]
public enum PatentKind
{
    /// <summary>The export did not say.</summary>
    Unknown = 0,

    /// <summary>Invention application (发明申请, published unexamined; kind code A).</summary>
    InventionApplication,

    /// <summary>Invention grant (发明授权; kind code B or C).</summary>
    InventionGrant,

    /// <summary>Utility model (实用新型; kind code U or Y).</summary>
    UtilityModel,

    /// <summary>Design (外观设计; kind code S).</summary>
    Design,
}

/// <summary>The legal status of a patent (法律状态), normalised; the export's raw wording is kept beside it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LegalStatus>))]
public enum LegalStatus
{
    /// <summary>The export did not say, or said something we do not recognise (the raw value is kept).</summary>
    Unknown = 0,

    /// <summary>In force (有效, 授权, 权利维持).</summary>
    Valid,

    /// <summary>No longer in force (失效, 无效, 撤回, 驳回, 放弃, 期限届满, 未缴年费).</summary>
    Lapsed,

    /// <summary>Under examination (审中, 公开, 实质审查).</summary>
    Pending,
}

/// <summary>Recognises the wording exports use for kinds and legal statuses.</summary>
public static class PatentVocabulary
{
    /// <summary>Maps an export's kind wording (发明申请, 发明授权, 实用新型, 外观设计, Patent Application, Granted Patent …) to a kind.</summary>
    /// <returns>The kind, or <see cref="PatentKind.Unknown"/> when the wording is not recognised.</returns>
    public static PatentKind ParseKind(string? text)
    {
        var t = TextNormalizer.Clean(text).ToUpperInvariant();
        if (t.Length == 0)
        {
            return PatentKind.Unknown;
        }

        if (t.Contains("实用新型", StringComparison.Ordinal) || t.Contains("UTILITY", StringComparison.Ordinal) || t == "U" || t == "Y")
        {
            return PatentKind.UtilityModel;
        }

        if (t.Contains("外观", StringComparison.Ordinal) || t.Contains("DESIGN", StringComparison.Ordinal) || t == "S")
        {
            return PatentKind.Design;
        }

        if (t.Contains("授权", StringComparison.Ordinal) || t.Contains("GRANT", StringComparison.Ordinal) || t == "B" || t == "C")
        {
            return PatentKind.InventionGrant;
        }

        if (t.Contains("发明", StringComparison.Ordinal) || t.Contains("APPLICATION", StringComparison.Ordinal) || t == "A")
        {
            return PatentKind.InventionApplication;
        }

        return PatentKind.Unknown;
    }

    /// <summary>Infers the kind of a Chinese document from its publication kind code (A, B/C, U/Y, S).</summary>
    public static PatentKind KindFromPublicationNumber(PublicationNumber number)
    {
        if (number.Country is not ("CN" or null))
        {
            return PatentKind.Unknown;
        }

        return number.KindCode?[0] switch
        {
            'A' => PatentKind.InventionApplication,
            'B' or 'C' => PatentKind.InventionGrant,
            'U' or 'Y' => PatentKind.UtilityModel,
            'S' => PatentKind.Design,
            _ => PatentKind.Unknown,
        };
    }

    /// <summary>Maps an export's legal-status wording to a status; unrecognised wording is <see cref="LegalStatus.Unknown"/>.</summary>
    /// <remarks>Exports often give a history (<c>公开;实质审查;授权</c>): the last recognised event decides.</remarks>
    public static LegalStatus ParseLegalStatus(string? text)
    {
        var t = TextNormalizer.Clean(text).ToUpperInvariant();
        if (t.Length == 0)
        {
            return LegalStatus.Unknown;
        }

        var parts = t.Split([';', '；', ',', '，', '|', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            var status = ParseOne(parts[i]);
            if (status != LegalStatus.Unknown)
            {
                return status;
            }
        }

        return LegalStatus.Unknown;
    }

    private static LegalStatus ParseOne(string t)
    {
        string[] lapsed = ["失效", "无效", "撤回", "驳回", "放弃", "届满", "未缴", "终止", "LAPSED", "EXPIRED", "INACTIVE", "DEAD", "WITHDRAWN", "REJECTED", "REVOKED", "CEASED", "DISCONTINUED"];
        string[] pending = ["审中", "实质审查", "实审", "公开", "PENDING", "SEARCHING", "EXAMINATION"];
        string[] valid = ["有效", "授权", "维持", "ACTIVE", "GRANTED", "ALIVE", "VALID", "IN FORCE"];
        if (lapsed.Any(w => t.Contains(w, StringComparison.Ordinal)))
        {
            return LegalStatus.Lapsed;
        }

        if (pending.Any(w => t.Contains(w, StringComparison.Ordinal)))
        {
            return LegalStatus.Pending;
        }

        return valid.Any(w => t.Contains(w, StringComparison.Ordinal)) ? LegalStatus.Valid : LegalStatus.Unknown;
    }
}
