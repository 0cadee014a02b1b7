package io.moneyflow.codec;

import java.util.Locale;

/**
 * A setting's value with the name a user writes for it (on the command line, in a file): the enums of the engine's
 * settings, parsed from text through {@link #parse}.
 */
public interface Labelled
{
    /**
     * @return the name used on the command line and in output.
     */
    String label();

    /**
     * @param values the setting's values, in the order the refusal lists them.
     * @param text   a label, in any case.
     * @param what   the setting, for the refusal: {@code mode}, {@code wait strategy} ...
     * @param <E>    the setting's type.
     * @return the value with that label.
     * @throws IllegalArgumentException naming the labels expected, for any other text.
     */
    static <E extends Labelled> E parse(final E[] values, final String text, final String what)
    {
        final String wanted = text.toLowerCase(Locale.ROOT);
        for (final E value : values)
        {
            if (value.label().equals(wanted))
            {
                return value;
            }
        }
        final StringBuilder expected = new StringBuilder();
        for (int i = 0; i < values.length; i++)
        {
            if (i > 0)
            {
                expected.append(i == values.length - 1 ? " or " : ", ");
            }
            expected.append(values[i].label());
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "': expected " + expected);
    }
}
