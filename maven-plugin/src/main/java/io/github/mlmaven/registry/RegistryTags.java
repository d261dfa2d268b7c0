package io.github.mlmaven.registry;

import io.github.mlmaven.registry.RegistryException.Reason;
import io.github.mlmaven.registry.RegistryTransport.Link;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.RemoteConfig;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;

/** The version tags {@code ml/<modelName>/<version>}: creating and pushing them, listing them; see {@link GitModelRegistry#tag}. */
final class RegistryTags {
    private final RegistryContext context;
    private final RegistryTransport transports;

    RegistryTags(RegistryContext context, RegistryTransport transports) {
        this.context = context;
        this.transports = transports;
    }

    String tag(String modelName, String version, String sourceCommit, String message) {
        String name = GitModelRegistry.tagName(modelName, version);
        String refName = Constants.R_TAGS + name;
        try (Repository repository = context.open();
                RevWalk walk = new RevWalk(repository)) {
            RevCommit source = parseSourceCommit(repository, walk, sourceCommit);
            ObjectId tagObject = createLocalTag(repository, walk, name, source, message);
            Optional<RemoteConfig> remoteConfig = context.remoteConfig(repository);
            if (remoteConfig.isEmpty()) {
                context.noteLocalOnly();
                context.log()
                        .info("Registry: tag " + name + " on "
                                + source.abbreviate(7).name() + " (local only)");
                return name;
            }
            pushTag(repository, walk, remoteConfig.get(), refName, tagObject, source);
            return name;
        } catch (IOException e) {
            throw context.gitFailure("create tag " + name, e);
        }
    }

    java.util.Set<String> taggedVersions(String modelName) {
        String prefix = Constants.R_TAGS + GitModelRegistry.TAG_PREFIX
                + RegistryDocument.requireValidModelName(modelName) + "/";
        try (Repository repository = context.open()) {
            Optional<RemoteConfig> remoteConfig = context.remoteConfig(repository);
            java.util.Collection<Ref> refs;
            if (remoteConfig.isEmpty()) {
                refs = repository.getRefDatabase().getRefsByPrefix(prefix);
            } else {
                try (Link link = transports.link(repository, remoteConfig.get(), Transport.Operation.FETCH);
                        FetchConnection connection = link.transport().openFetch()) {
                    refs = connection.getRefs();
                } catch (TransportException | NotSupportedException e) {
                    throw context.transportFailure(remoteConfig.get(), "list the tags of", e);
                }
            }
            java.util.Set<String> versions = new java.util.TreeSet<>();
            for (Ref ref : refs) {
                if (ref.getName().startsWith(prefix)) {
                    versions.add(ref.getName().substring(prefix.length()));
                }
            }
            return versions;
        } catch (IOException e) {
            throw context.gitFailure("list the tags of " + modelName, e);
        }
    }

    private RevCommit parseSourceCommit(Repository repository, RevWalk walk, String sourceCommit) throws IOException {
        String missing = "the source commit " + sourceCommit + " is not in the repository " + context.gitDir()
                + "; the tag goes on the commit the model was trained from";
        try {
            ObjectId id = sourceCommit == null ? null : repository.resolve(sourceCommit + "^{commit}");
            if (id == null) {
                throw new RegistryException(Reason.GIT_FAILURE, missing);
            }
            return walk.parseCommit(id);
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            throw new RegistryException(Reason.GIT_FAILURE, missing, e);
        }
    }

    private ObjectId createLocalTag(Repository repository, RevWalk walk, String name, RevCommit source, String message)
            throws IOException {
        String refName = Constants.R_TAGS + name;
        Ref existing = repository.exactRef(refName);
        if (existing == null) {
            TagBuilder tag = new TagBuilder();
            tag.setTag(name);
            tag.setObjectId(source);
            tag.setTagger(context.ident(repository));
            tag.setMessage(message == null || message.endsWith("\n") ? message : message + "\n");
            ObjectId tagObject;
            try (ObjectInserter inserter = repository.newObjectInserter()) {
                tagObject = inserter.insert(tag);
                inserter.flush();
            }
            RefUpdate update = repository.updateRef(refName);
            update.setExpectedOldObjectId(ObjectId.zeroId());
            update.setNewObjectId(tagObject);
            update.setRefLogMessage("ml-maven-plugin: tag " + name, false);
            RefUpdate.Result result = update.update();
            if (result == RefUpdate.Result.NEW) {
                return tagObject;
            }
            existing = repository.exactRef(refName);
            if (existing == null) {
                throw new RegistryException(Reason.GIT_FAILURE, "could not create tag " + name + ": " + result);
            }
        }
        ObjectId tagged = peel(walk, existing.getObjectId());
        if (!source.equals(tagged)) {
            throw tagExists(name, tagged, source, "in this clone");
        }
        context.log()
                .info("Registry: tag " + name + " exists already on "
                        + source.abbreviate(7).name() + "; kept");
        return existing.getObjectId();
    }

    private void pushTag(
            Repository repository,
            RevWalk walk,
            RemoteConfig remoteConfig,
            String refName,
            ObjectId tagObject,
            RevCommit source) {
        String name = refName.substring(Constants.R_TAGS.length());
        String action = "push tag " + name + " to";
        try (Link link = transports.link(repository, remoteConfig, Transport.Operation.PUSH)) {
            Transport transport = link.transport();
            Ref advertised;
            try (FetchConnection connection = transport.openFetch()) {
                advertised = connection.getRef(refName);
            }
            if (advertised != null) {
                ObjectId tagged = advertised.getPeeledObjectId() != null
                        ? advertised.getPeeledObjectId()
                        : peelIfKnown(walk, advertised.getObjectId());
                if (advertised.getObjectId().equals(tagObject) || source.equals(tagged)) {
                    context.log().info("Registry: tag " + name + " is on " + context.remote() + " already");
                    return;
                }
                throw tagExists(name, tagged, source, "on " + context.remote());
            }
            RemoteRefUpdate update =
                    new RemoteRefUpdate(repository, null, tagObject, refName, false, null, ObjectId.zeroId());
            RemoteRefUpdate pushed = transport
                    .push(NullProgressMonitor.INSTANCE, List.of(update))
                    .getRemoteUpdate(refName);
            switch (pushed.getStatus()) {
                case OK, UP_TO_DATE ->
                    context.log()
                            .info("Registry: tag " + name + " on "
                                    + source.abbreviate(7).name() + " pushed to " + context.remote());
                case REJECTED_REMOTE_CHANGED, REJECTED_NONFASTFORWARD ->
                    throw tagExists(name, null, source, "on " + context.remote());
                default ->
                    throw new RegistryException(
                            Reason.PUSH_REJECTED,
                            context.remote() + " refused tag " + name + ": " + pushed.getStatus()
                                    + (pushed.getMessage() == null
                                            ? ""
                                            : " (" + context.scrub(pushed.getMessage()) + ")")
                                    + "; the tag exists in this clone: push it with git push " + context.remote() + " "
                                    + refName);
            }
        } catch (TransportException | NotSupportedException e) {
            throw context.transportFailure(
                    remoteConfig,
                    action,
                    e,
                    "the tag exists in this clone: push it with git push " + context.remote() + " " + refName);
        } catch (IOException e) {
            throw context.gitFailure(action + " " + context.remote(), e);
        }
    }

    private static ObjectId peel(RevWalk walk, ObjectId id) throws IOException {
        RevObject object = walk.peel(walk.parseAny(id));
        return object.copy();
    }

    private static ObjectId peelIfKnown(RevWalk walk, ObjectId id) {
        try {
            return peel(walk, id);
        } catch (IOException notHere) {
            return null;
        }
    }

    private RegistryException tagExists(String name, ObjectId tagged, RevCommit source, String where) {
        return new RegistryException(
                Reason.TAG_EXISTS,
                "tag " + name + " exists already " + where
                        + (tagged == null
                                ? ""
                                : " on commit " + tagged.abbreviate(7).name()) + ", not on "
                        + source.abbreviate(7).name() + "; tags are never moved. Promote under another version, or"
                        + " delete the tag yourself if it is wrong");
    }
}
