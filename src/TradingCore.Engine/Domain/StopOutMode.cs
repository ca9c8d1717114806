namespace TradingCore.Engine.Domain;

/// <summary>How an account's margin-call and stop-out levels read (MT5 ENUM_ACCOUNT_STOPOUT_MODE, numbers + 1).</summary>
public enum StopOutMode
{
    /// <summary>Levels are margin levels in percent (equity / margin × 100).</summary>
    Percent = 1,

    /// <summary>Levels are equity in the account currency.</summary>
    Money = 2,
}
