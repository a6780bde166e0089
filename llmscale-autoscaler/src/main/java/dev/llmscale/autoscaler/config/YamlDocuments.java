package dev.llmscale.autoscaler.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads YAML files into trees; a syntax error names its line and column. */
final class YamlDocuments {
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private YamlDocuments() {}

  /** The file's only document; an empty file is an error. */
  static ConfigNode readOne(ConfigFile file) {
    List<ConfigNode> documents = readAll(file);
    if (documents.isEmpty()) {
      throw new ConfigException(file.name() + ": the file is empty");
    }
    if (documents.size() > 1) {
      throw new ConfigException(
          file.name() + ": expected one YAML document, found " + documents.size());
    }
    return documents.get(0);
  }

  /** Every non-empty document of the file ({@code ---} separates them). */
  static List<ConfigNode> readAll(ConfigFile file) {
    String text;
    try {
      text = Files.readString(file.path());
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.name() + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new ConfigException(file.name() + ": permission denied", e);
    } catch (IOException e) {
      throw new ConfigException(file.name() + ": cannot read: " + e, e);
    }
    List<ConfigNode> documents = new ArrayList<>();
    try (JsonParser parser = YAML.getFactory().createParser(text);
        MappingIterator<JsonNode> values = YAML.readValues(parser, JsonNode.class)) {
      while (values.hasNextValue()) {
        ConfigNode document = ConfigNode.root(file, values.nextValue());
        if (document.isPresent()) {
          documents.add(document);
        }
      }
    } catch (JsonProcessingException e) {
      throw syntaxError(file, e);
    } catch (RuntimeException e) {
      // MappingIterator wraps parse errors in unchecked exceptions
      if (e.getCause() instanceof JsonProcessingException cause) {
        throw syntaxError(file, cause);
      }
      throw e;
    } catch (IOException e) {
      throw new ConfigException(file.name() + ": cannot read: " + e, e);
    }
    return documents;
  }

  private static ConfigException syntaxError(ConfigFile file, JsonProcessingException e) {
    String where;
    String problem;
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      // the parser's mark: where the problem is, not where the last token ended
      where = position(yaml.getProblemMark().getLine() + 1, yaml.getProblemMark().getColumn() + 1);
      problem = describe(yaml);
    } else {
      JsonLocation location = e.getLocation();
      where = location == null ? "" : position(location.getLineNr(), location.getColumnNr());
      problem = uncapitalize(e.getOriginalMessage());
    }
    return new ConfigException(file.name() + ": " + where + "invalid YAML: " + problem, e);
  }

  private static String position(int line, int column) {
    return line < 1 ? "" : "line " + line + ", column " + column + ": ";
  }

  private static String describe(MarkedYAMLException yaml) {
    String problem = yaml.getProblem() == null ? "syntax error" : yaml.getProblem();
    return yaml.getContext() == null ? problem : problem + " (" + yaml.getContext() + ")";
  }

  private static String uncapitalize(String text) {
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }
}
