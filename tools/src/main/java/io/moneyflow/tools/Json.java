package io.moneyflow.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The command line's JSON output, written by Jackson's streaming generator: objects, arrays, strings and numbers in
 * the order a report gives them (no object mapping: the reports' fields and their order are the reports' own).
 * A number is written as given: exact decimals in plain notation, never a double's rounding; a number already made
 * into text (an alert's values) is written as that text.
 */
final class Json
{
    private static final JsonFactory FACTORY = JsonFactory.builder()
        .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();

    private final StringWriter out = new StringWriter(4096);
    private final JsonGenerator json;

    Json()
    {
        try
        {
            json = FACTORY.createGenerator(out);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** A step of the generator, whose IOException a StringWriter never throws. */
    private interface Step
    {
        void run() throws IOException;
    }

    private Json write(final Step step)
    {
        try
        {
            step.run();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return this;
    }

    Json beginObject()
    {
        return write(json::writeStartObject);
    }

    Json endObject()
    {
        return write(json::writeEndObject);
    }

    Json beginArray()
    {
        return write(json::writeStartArray);
    }

    Json endArray()
    {
        return write(json::writeEndArray);
    }

    Json name(final String name)
    {
        return write(() -> json.writeFieldName(name));
    }

    Json string(final String name, final String value)
    {
        name(name);
        return stringValue(value);
    }

    Json number(final String name, final Object value)
    {
        name(name);
        return numberValue(value);
    }

    /**
     * @param value a number (BigDecimal, Long, Integer, Double...), a Boolean, a number's text, or null.
     */
    Json numberValue(final Object value)
    {
        return write(() ->
        {
            if (value == null)
            {
                json.writeNull();
            }
            else if (value instanceof BigDecimal decimal)
            {
                json.writeNumber(decimal);
            }
            else if (value instanceof Long || value instanceof Integer || value instanceof Short ||
                value instanceof Byte)
            {
                json.writeNumber(((Number)value).longValue());
            }
            else if (value instanceof BigInteger integer)
            {
                json.writeNumber(integer);
            }
            else if (value instanceof Boolean bool)
            {
                json.writeBoolean(bool);
            }
            else
            {
                // a double, or a number already written out: as its text
                json.writeNumber(value.toString());
            }
        });
    }

    Json stringValue(final String value)
    {
        return write(() ->
        {
            if (value == null)
            {
                json.writeNull();
            }
            else
            {
                json.writeString(value);
            }
        });
    }

    @Override
    public String toString()
    {
        write(json::flush);
        return out.toString();
    }
}
