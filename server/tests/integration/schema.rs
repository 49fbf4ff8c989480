//! `schema.graphql` is the schema the code serves.

#[test]
fn schema_file_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema.graphql");
    let current = rookery_server::graphql::sdl();
    if std::env::var("UPDATE_SCHEMA").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &current).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == current,
        "schema.graphql is stale: run `UPDATE_SCHEMA=1 cargo test -p rookery-server --test integration schema`"
    );
}

/// Every mutation keeps one shape, so that clients learn it once: one argument,
/// `input: <…>Input!`, and a non-null `<…>Payload` named for the mutation itself or for
/// the kind of object it returns (then holding a non-null field of that type); `unX`
/// returns what `x` returns, and `deleteX` returns `DeleteXPayload { deletedXId: ID! }`.
#[test]
fn mutations_follow_one_convention() {
    use async_graphql::parser::types::{BaseType, Type, TypeKind, TypeSystemDefinition};
    use std::collections::HashMap;

    /// A field: its name, its arguments' names and types, and its type.
    type Field = (String, Vec<(String, Type)>, Type);
    let document = async_graphql::parser::parse_schema(rookery_server::graphql::sdl()).unwrap();
    let mut objects: HashMap<String, Vec<Field>> = HashMap::new();
    let mut inputs = Vec::new();
    for definition in document.definitions {
        let TypeSystemDefinition::Type(definition) = definition else {
            continue;
        };
        let name = definition.node.name.node.to_string();
        match definition.node.kind {
            TypeKind::Object(object) => {
                let fields = object.fields.into_iter().map(|field| {
                    let field = field.node;
                    let arguments = field.arguments.into_iter().map(|argument| {
                        (argument.node.name.node.to_string(), argument.node.ty.node)
                    });
                    (
                        field.name.node.to_string(),
                        arguments.collect(),
                        field.ty.node,
                    )
                });
                objects.insert(name, fields.collect());
            }
            TypeKind::InputObject(_) => inputs.push(name),
            _ => {}
        }
    }
    let named = |ty: &Type| match &ty.base {
        BaseType::Named(name) if !ty.nullable => Some(name.to_string()),
        _ => None,
    };
    let with_first = |name: &str, upper: bool| {
        let mut chars = name.chars();
        let first = chars.next().map(|c| {
            if upper {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        });
        first.into_iter().chain(chars).collect::<String>()
    };

    let mutations = &objects["Mutation"];
    assert!(mutations.len() > 40, "the Mutation type was not read");
    let payload_of: HashMap<&str, Option<String>> = mutations
        .iter()
        .map(|(name, _, ty)| (name.as_str(), named(ty)))
        .collect();
    let mut broken = Vec::new();
    for (name, arguments, ty) in mutations {
        let one_input = match arguments.as_slice() {
            [(argument, input)] => {
                argument == "input"
                    && named(input).is_some_and(|i| i.ends_with("Input") && inputs.contains(&i))
            }
            _ => false,
        };
        if !one_input {
            broken.push(format!("{name}: takes one argument, `input: <…>Input!`"));
        }
        let Some(payload) = named(ty).filter(|p| p.ends_with("Payload") && objects.contains_key(p))
        else {
            broken.push(format!("{name}: returns a non-null <…>Payload object"));
            continue;
        };
        let fields = &objects[&payload];
        let subject = &payload[..payload.len() - "Payload".len()];
        let own = payload == format!("{}Payload", with_first(name, true));
        let of_a_kind = objects.contains_key(subject)
            && fields
                .iter()
                .any(|(_, _, field)| named(field).as_deref() == Some(subject));
        let undo_of = name
            .strip_prefix("un")
            .map(|done| with_first(done, false))
            .filter(|done| payload_of.contains_key(done.as_str()));
        match &undo_of {
            Some(done) if payload_of[done.as_str()].as_deref() != Some(payload.as_str()) => {
                broken.push(format!("{name}: returns what `{done}` returns"));
            }
            None if !own && !of_a_kind => broken.push(format!(
                "{name}: {payload} is named neither for the mutation nor for a type it holds"
            )),
            _ => {}
        }
        if let Some(kind) = name.strip_prefix("delete") {
            let id_field = format!("deleted{kind}Id");
            let holds_id = fields
                .iter()
                .any(|(field, _, ty)| *field == id_field && named(ty).as_deref() == Some("ID"));
            if !own || !holds_id {
                broken.push(format!("{name}: returns {payload} {{ {id_field}: ID! }}"));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "mutations off the convention:\n{}",
        broken.join("\n")
    );
}

/// The schema's `enum ErrorCode` lists every code of the domain's table, each spelled as
/// `extensions.code` carries it, and tells what each means.
#[test]
fn the_schema_documents_every_error_code() {
    use async_graphql::parser::types::{TypeKind, TypeSystemDefinition};

    let document = async_graphql::parser::parse_schema(rookery_server::graphql::sdl()).unwrap();
    let values = document
        .definitions
        .into_iter()
        .find_map(|definition| match definition {
            TypeSystemDefinition::Type(t) if t.node.name.node == "ErrorCode" => match t.node.kind {
                TypeKind::Enum(e) => Some(e.values),
                _ => None,
            },
            _ => None,
        })
        .expect("the schema has an ErrorCode enum");
    let documented: Vec<&str> = values.iter().map(|v| v.node.value.node.as_str()).collect();
    let codes: Vec<&str> = rookery_domain::ErrorCode::ALL
        .iter()
        .map(|code| code.as_str())
        .collect();
    assert_eq!(documented, codes);
    for value in &values {
        assert!(
            value.node.description.is_some(),
            "{} has no description",
            value.node.value.node
        );
    }
}
