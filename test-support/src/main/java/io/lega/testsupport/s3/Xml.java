package io.lega.testsupport.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The XML bodies of the S3 API that {@link S3Handler} reads and writes. */
final class Xml {
  private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
  private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

  private Xml() {}

  static String error(String code, String message, String resource) {
    return HEAD
        + "<Error><Code>"
        + esc(code)
        + "</Code><Message>"
        + esc(message)
        + "</Message><Resource>"
        + esc(resource)
        + "</Resource><RequestId>0</RequestId></Error>";
  }

  static String location(String region) {
    return HEAD
        + "<LocationConstraint xmlns=\""
        + NS
        + "\">"
        + esc(region)
        + "</LocationConstraint>";
  }

  static String initiated(String bucket, String key, String uploadId) {
    return HEAD
        + "<InitiateMultipartUploadResult xmlns=\""
        + NS
        + "\"><Bucket>"
        + esc(bucket)
        + "</Bucket><Key>"
        + esc(key)
        + "</Key><UploadId>"
        + uploadId
        + "</UploadId></InitiateMultipartUploadResult>";
  }

  static String completed(String bucket, String key, String etag) {
    return HEAD
        + "<CompleteMultipartUploadResult xmlns=\""
        + NS
        + "\"><Location>/"
        + esc(bucket)
        + "/"
        + esc(key)
        + "</Location><Bucket>"
        + esc(bucket)
        + "</Bucket><Key>"
        + esc(key)
        + "</Key><ETag>"
        + esc(etag)
        + "</ETag></CompleteMultipartUploadResult>";
  }

  static String listV2(
      String bucket, String prefix, int max, List<ObjectFiles.Info> objects, boolean truncated) {
    StringBuilder out = new StringBuilder(HEAD);
    out.append("<ListBucketResult xmlns=\"").append(NS).append("\"><Name>").append(esc(bucket));
    out.append("</Name><Prefix>").append(esc(prefix)).append("</Prefix><KeyCount>");
    out.append(objects.size()).append("</KeyCount><MaxKeys>").append(max);
    out.append("</MaxKeys><IsTruncated>").append(truncated).append("</IsTruncated>");
    for (ObjectFiles.Info o : objects) {
      out.append("<Contents><Key>").append(esc(o.key())).append("</Key><LastModified>");
      out.append(DateTimeFormatter.ISO_INSTANT.format(o.lastModified()));
      out.append("</LastModified><ETag>&quot;").append(o.etag()).append("&quot;</ETag><Size>");
      out.append(o.size()).append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
    }
    if (truncated && !objects.isEmpty()) {
      out.append("<NextContinuationToken>").append(esc(objects.get(objects.size() - 1).key()));
      out.append("</NextContinuationToken>");
    }
    return out.append("</ListBucketResult>").toString();
  }

  static String uploads(String bucket, List<ObjectFiles.Upload> uploads) {
    StringBuilder out = new StringBuilder(HEAD);
    out.append("<ListMultipartUploadsResult xmlns=\"").append(NS).append("\"><Bucket>");
    out.append(esc(bucket)).append("</Bucket><IsTruncated>false</IsTruncated>");
    for (ObjectFiles.Upload u : uploads) {
      out.append("<Upload><Key>").append(esc(u.key())).append("</Key><UploadId>");
      out.append(u.uploadId()).append("</UploadId><Initiated>");
      out.append(DateTimeFormatter.ISO_INSTANT.format(u.initiated()));
      out.append("</Initiated><StorageClass>STANDARD</StorageClass></Upload>");
    }
    return out.append("</ListMultipartUploadsResult>").toString();
  }

  /** The parts of a {@code CompleteMultipartUpload} body; no DTDs or external entities. */
  static List<ObjectFiles.PartRef> parts(byte[] body) throws S3Error {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      factory.setNamespaceAware(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      Element root = builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
      if (!"CompleteMultipartUpload".equals(root.getTagName())) {
        throw S3Error.badRequest("MalformedXML", "expected CompleteMultipartUpload");
      }
      NodeList parts = root.getElementsByTagName("Part");
      List<ObjectFiles.PartRef> out = new ArrayList<>();
      for (int i = 0; i < parts.getLength(); i++) {
        Element part = (Element) parts.item(i);
        out.add(
            new ObjectFiles.PartRef(
                Integer.parseInt(text(part, "PartNumber").trim()), text(part, "ETag")));
      }
      return out;
    } catch (ParserConfigurationException | SAXException | IOException | RuntimeException e) {
      throw S3Error.badRequest("MalformedXML", "the part list is not valid XML");
    }
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    if (nodes.getLength() != 1) {
      throw new IllegalArgumentException("one " + tag + " expected");
    }
    return nodes.item(0).getTextContent();
  }

  private static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
