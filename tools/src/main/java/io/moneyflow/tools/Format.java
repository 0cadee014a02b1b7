package io.moneyflow.tools;

/** Output formats. */
enum Format
{
    table, csv, json, parquet
}
